using System.ComponentModel.DataAnnotations;

namespace Kaireon.Storage.Sqlite;

public sealed class SqliteOptions
{
    public const string Section = "Kaireon:Storage:Sqlite";

    /// <summary>The database file; relative paths are under the working directory. Its folder is created.</summary>
    [Required]
    public string Path { get; set; } = "data/kaireon.db";
}
