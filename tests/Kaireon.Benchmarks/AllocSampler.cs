using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Kaireon.Benchmarks;

/// <summary>
/// Allocations by type while <see cref="On"/>, from the runtime's own sampling (an event about every
/// 100 KB allocated, with the type that crossed the mark): where a hot path's garbage comes from,
/// without a profiler. <c>ALLOC=1 … pipeline</c> prints it for the drain.
/// </summary>
internal sealed class AllocSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    public static readonly ConcurrentDictionary<string, long> ByType = new();
    public static volatile bool On;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!On || e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true) return;
        var type = e.Payload![e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
        var bytes = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount")], System.Globalization.CultureInfo.InvariantCulture);
        ByType.AddOrUpdate(type, bytes, (_, total) => total + bytes);
    }

    /// <summary>The sampled total per event and the types that allocated most of it.</summary>
    public static void Print(int events, int top = 25)
    {
        var total = ByType.Values.Sum();
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"allocated (sampled): {total / 1024.0 / 1024:0} MB, {total / (double)events / 1024:0.0} KB/event"));
        foreach (var (type, bytes) in ByType.OrderByDescending(kv => kv.Value).Take(top))
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  {100.0 * bytes / total,5:0.0} % {type}"));
    }
}
