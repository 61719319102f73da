using Kaireon.Core.Triggers;

namespace Kaireon.Functions.Triggers;

/// <summary>Drains <see cref="TriggerActionQueue"/> in the background, one firing at a time, off the stream's hot path.</summary>
public sealed partial class TriggerActionWorker(TriggerActionQueue queue, TriggerActionRunner runner, ILogger<TriggerActionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var dispatch in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await runner.RunAsync(dispatch, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The runner logs each action's failure; this is a failure to write the delivery log itself.
                LogDispatchFailed(logger, e, dispatch.Firing.Id, dispatch.Tenant.Value);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Firing {FiringId} of {TenantId}: its actions could not be run or logged")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string firingId, string tenantId);
}
