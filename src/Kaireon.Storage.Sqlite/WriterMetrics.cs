using System.Diagnostics.Metrics;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// The single writer's load, on the service's meter: the writer is what bounds a single-file store's
/// write rate, so its busy seconds per second are the saturation signal to watch (near 1, writes queue
/// and the stream falls behind). With them, where the local stream's consumers read, since reading
/// rows back is the dearer way. <c>dotnet-counters monitor -p &lt;pid&gt; --counters kaireon</c> shows
/// them as rates; the host exports them with its other metrics.
/// </summary>
internal static class WriterMetrics
{
    /// <summary>The meter the host's OpenTelemetry setup listens to (<c>Telemetry.ServiceName</c>).</summary>
    public const string MeterName = "kaireon";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<double> Busy = Meter.CreateCounter<double>(
        "kaireon.sqlite.writer.busy", "s", "Time the SQLite writer spent building and committing groups, its own WAL copies and the reads run on its connection included.");

    public static readonly Counter<double> Checkpoint = Meter.CreateCounter<double>(
        "kaireon.sqlite.writer.checkpoint", "s", "Time the SQLite writer spent copying the WAL into the database file itself.");

    public static readonly Counter<long> Groups = Meter.CreateCounter<long>(
        "kaireon.sqlite.writer.groups", "{transaction}", "Transactions the SQLite writer committed.");

    public static readonly Counter<long> Documents = Meter.CreateCounter<long>(
        "kaireon.sqlite.writer.documents", "{document}", "Documents (write weights) in the transactions the SQLite writer committed.");

    /// <summary>Events the local stream's consumers took, tagged <c>from</c> = <c>memory</c> or <c>table</c> (<see cref="OutboxCursor"/>).</summary>
    public static readonly Counter<long> OutboxEvents = Meter.CreateCounter<long>(
        "kaireon.outbox.events", "{event}", "Events the local stream's consumers took from the outbox, from memory or read back from the table.");
}
