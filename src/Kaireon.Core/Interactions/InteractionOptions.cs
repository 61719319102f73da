using System.ComponentModel.DataAnnotations;

namespace Kaireon.Core.Interactions;

/// <summary>How interactions are recorded and applied (section <c>Kaireon:Interactions</c>).</summary>
public sealed class InteractionOptions
{
    public const string Section = "Kaireon:Interactions";

    /// <summary>
    /// Interactions the <see cref="CustomerDayCache"/> holds, about 200 bytes each once deserialized.
    /// Raise it for a heavy <c>POST /events</c> load over many customers: the stream then finds the
    /// days the requests read a moment earlier instead of deserializing them again, at some cost to
    /// Respond's tail latency (see <see cref="CustomerDayCache"/>).
    /// </summary>
    [Range(1_000, 100_000_000)]
    public int DayCacheInteractions { get; set; } = CustomerDayCache.Capacity;
}
