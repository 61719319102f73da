using Kaireon.Core.Storage;
using Kaireon.Core.DecisionTraces;

namespace Kaireon.Functions.DecisionTraces;

/// <summary>Writes queued decision traces in the background, so a traced decision waits for no store write.</summary>
public sealed partial class DecisionTraceWriter(DecisionTraceLog log, ILogger<DecisionTraceWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        BackgroundWork.Enter();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await log.DrainAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A trace is diagnostics: one that cannot be written is logged and the writer goes on.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A decision trace could not be written")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
