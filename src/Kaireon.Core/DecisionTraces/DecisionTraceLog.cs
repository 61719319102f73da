using System.Text.Json;
using System.Threading.Channels;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.DecisionTraces;

/// <summary>
/// Decision traces, written off the hot path: <see cref="Enqueue"/> hands a trace to a bounded
/// queue and returns at once; the host drains it into the traces container with the tenant's
/// retention (<c>traceRetentionDays</c>) as time to live. A full queue drops the trace rather than
/// slow a decision down, and counts it.
/// </summary>
public sealed class DecisionTraceLog(ITraceStore traces, TimeProvider clock)
{
    public const string Kind = "decision_trace";
    public const int QueueCapacity = 10_000;

    /// <summary>How far back a listing looks when the caller gives no <c>from</c>.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(7);

    private readonly Channel<(TenantId Tenant, DecisionTrace Trace, int RetentionDays)> _queue =
        Channel.CreateBounded<(TenantId, DecisionTrace, int)>(new BoundedChannelOptions(QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });

    private long _dropped;

    /// <summary>Traces dropped because the queue was full since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Enqueue(TenantId tenant, DecisionTrace trace, int retentionDays)
    {
        if (!_queue.Writer.TryWrite((tenant, trace, retentionDays))) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Writes queued traces until <paramref name="ct"/> ends; the host's background service runs it.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        await foreach (var (tenant, trace, retentionDays) in _queue.Reader.ReadAllAsync(ct))
        {
            await WriteAsync(tenant, trace, retentionDays, ct);
        }
    }

    public Task WriteAsync(TenantId tenant, DecisionTrace trace, int retentionDays, CancellationToken ct) =>
        traces.AppendAsync(new TraceRecord
        {
            Tenant = tenant,
            Kind = Kind,
            Id = trace.Id,
            At = trace.At,
            Body = JsonSerializer.SerializeToElement(trace, KaireonJson.Default.DecisionTrace),
            TimeToLiveSeconds = retentionDays * 86_400,
        }, ct);

    public async Task<DecisionTrace?> FindAsync(TenantId tenant, string id, CancellationToken ct) =>
        await traces.FindAsync(tenant, Kind, id, ct) is { } record ? record.Body.Deserialize(KaireonJson.Default.DecisionTrace) : null;

    /// <summary>Traces with <paramref name="from"/> ≤ at &lt; <paramref name="to"/>, newest first, optionally of one customer or flow.</summary>
    public async Task<Page<DecisionTrace>> ListAsync(
        TenantId tenant, DateTimeOffset? from, DateTimeOffset? to, string? customerId, string? decisionFlowKey,
        int limit, string? cursor, CancellationToken ct)
    {
        var end = to ?? clock.GetUtcNow().AddTicks(1);
        var records = await traces.ListAsync(tenant, Kind, from ?? end - DefaultRange, end, ct);
        var found = records
            .Select(r => r.Body.Deserialize(KaireonJson.Default.DecisionTrace)!)
            .Where(t => (customerId is null || t.CustomerId == customerId) && (decisionFlowKey is null || t.DecisionFlowKey == decisionFlowKey));
        return Paging.Of(found, t => Paging.NewestFirst(t.At, t.Id), limit, cursor);
    }
}
