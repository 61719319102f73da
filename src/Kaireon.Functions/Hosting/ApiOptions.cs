using System.ComponentModel.DataAnnotations;

namespace Kaireon.Functions.Hosting;

public sealed class ApiOptions
{
    public const string Section = "Kaireon:Api";

    /// <summary>Largest accepted request body; larger ones answer 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
