using System.ComponentModel.DataAnnotations;

namespace Kaireon.Core.Interactions;

/// <summary>How interactions are recorded and applied (section <c>Kaireon:Interactions</c>).</summary>
public sealed class InteractionOptions
{
    public const string Section = "Kaireon:Interactions";

    /// <summary>
    /// Interactions the <see cref="CustomerDayCache"/> holds, about 200 bytes each once deserialized.
    /// Kept small: larger, the cached documents live long enough to be collected as old objects, which
    /// costs a sustained load more than the hits save (see <see cref="CustomerDayCache"/>).
    /// </summary>
    [Range(1_000, 100_000_000)]
    public int DayCacheInteractions { get; set; } = CustomerDayCache.Capacity;
}
