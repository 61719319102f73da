using System.ComponentModel.DataAnnotations;

namespace Kaireon.Core.Tenancy;

public sealed class ApiKeyOptions
{
    public const string Section = "Kaireon:Security";

    /// <summary>
    /// The server-side secret mixed into every key hash, so a copy of the database alone cannot
    /// verify guessed keys. At least 32 characters. Standalone, a generated one is kept beside the
    /// SQLite file when none is configured.
    /// </summary>
    [Required, MinLength(32)]
    public string ApiKeyPepper { get; set; } = "";

    /// <summary>How long a resolved key is trusted before its lookup document is read again (≤ 5 s, design §3).</summary>
    [Range(0, 5)]
    public int CacheSeconds { get; set; } = 5;
}
