using Kaireon.Core.Storage;
using Kaireon.Core.Triggers;

namespace Kaireon.Functions.Triggers;

/// <summary>
/// Drains <see cref="TriggerActionQueue"/> in the background, one firing at a time, off the stream's
/// hot path. Each dispatch is claimed before it runs and its claim renewed after each action
/// (<see cref="TriggerDispatches"/>), so a copy that another worker holds, or that is done, is skipped.
/// </summary>
public sealed partial class TriggerActionWorker(
    TriggerActionQueue queue, TriggerDispatches dispatches, TriggerActionRunner runner, ILogger<TriggerActionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        BackgroundWork.Enter();
        await foreach (var dispatch in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var owned = await dispatches.ClaimAsync(dispatch, stoppingToken);
                while (owned is not null && owned.NextAction < (owned.Trigger.Actions?.Count ?? 0))
                {
                    await runner.RunAsync(owned, stoppingToken);
                    owned = await dispatches.AdvanceAsync(owned, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The runner logs each action's failure; this is a failure of the store that holds the
                // dispatch or its log. The entry stays, and the timer hands it on when its lease runs out.
                LogDispatchFailed(logger, e, dispatch.Firing.Id, dispatch.Tenant.Value);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Firing {FiringId} of {TenantId}: its actions could not be run or logged")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string firingId, string tenantId);
}
