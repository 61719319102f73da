using Kaireon.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Kaireon.Core.Triggers;

/// <summary>
/// <c>EvaluateTriggers</c> (timer, every minute): visits the customers whose earliest absence is due
/// (<see cref="TriggerDueIndex"/>) and fires what is due, then hands firings whose actions were left
/// unrun (<see cref="TriggerDispatches"/>: their process died, or its queue was full) to the worker
/// again. Idempotent: the book decides what fires, and a dispatch's claim who runs it, so
/// overlapping or repeated ticks fire and deliver nothing twice.
/// </summary>
public sealed partial class TriggerTimer(TriggerDueIndex due, TriggerStream stream, TriggerDispatches dispatches, TimeProvider clock, ILogger<TriggerTimer> logger)
{
    public sealed record RunSummary(int Waiting, int Visited, int Redispatched);

    public async Task<RunSummary> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var entries = await due.ListAsync(ct);
        var visited = 0;
        foreach (var entry in entries.Where(e => e.DueAt <= now).OrderBy(e => e.DueAt))
        {
            try
            {
                var next = await stream.TickAsync(entry.Tenant, entry.CustomerId, now, ct);
                await due.FinishAsync(entry, next, ct);
                visited++;
            }
            catch (StoreUnavailableException e)
            {
                // The entry stays; the next tick visits the customer again.
                LogDeferred(logger, e, entry.CustomerId, entry.Tenant.Value);
            }
        }
        return new RunSummary(entries.Count, visited, await dispatches.RedispatchExpiredAsync(ct));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Due triggers of customer {CustomerId} of {TenantId} deferred: the store is unavailable")]
    private static partial void LogDeferred(ILogger logger, Exception exception, string customerId, string tenantId);
}
