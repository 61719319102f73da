using System.ComponentModel.DataAnnotations;

namespace Kaireon.Core.Interactions;

/// <summary>How interactions are recorded and applied (section <c>Kaireon:Interactions</c>).</summary>
public sealed class InteractionOptions
{
    public const string Section = "Kaireon:Interactions";

    /// <summary>
    /// Interactions the <see cref="CustomerDayCache"/> holds, about 200 bytes each once deserialized.
    /// Respond's days, mostly: the stream only keeps the ones held current (see <see cref="CustomerDayCache"/>).
    /// </summary>
    [Range(1_000, 100_000_000)]
    public int DayCacheInteractions { get; set; } = CustomerDayCache.Capacity;
}
