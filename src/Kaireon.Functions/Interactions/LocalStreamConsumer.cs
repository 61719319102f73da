using System.Diagnostics;
using Kaireon.Core.Storage;
using Kaireon.Core.Interactions;
using Kaireon.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Kaireon.Functions.Interactions;

/// <summary>
/// The standalone stream consumer (design §1): one loop per outbox partition hands batches to the
/// same <see cref="StreamBatchProcessor"/> that <c>ProcessEvents</c> uses under Functions, and
/// removes a batch from the outbox only after it was applied (<see cref="OutboxCursor"/>: from
/// memory once it has reached what memory holds, from the table otherwise). A failing batch is retried
/// with backoff, from the table, never skipped: delivery is at least once, the processor makes it once in effect.
/// </summary>
public sealed partial class LocalStreamConsumer(
    SqliteOutbox outbox,
    StreamBatchProcessor processor,
    IOptions<LocalStreamOptions> options,
    TimeProvider clock,
    ILogger<LocalStreamConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, outbox.Partitions).Select(p => Task.Run(() => DrainAsync(p, stoppingToken), stoppingToken)));

    private async Task DrainAsync(int partition, CancellationToken ct)
    {
        BackgroundWork.Enter();
        var cursor = outbox.Cursor(partition);
        var failures = 0;
        var size = options.Value.BatchSize;
        // The last batch's acknowledgement commits while the next batch is read and applied: a writer
        // round trip a batch no longer waits for (about a sixth of a partition's time in the drain). At
        // most one is in flight; the cursor has moved past its batch already (OutboxCursor.AcknowledgeAsync).
        var acknowledged = Task.CompletedTask;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var read = Stopwatch.GetTimestamp();
                var asked = size;
                var batch = await cursor.NextAsync(asked, ct);
                size = options.Value.NextBatchSize(asked, batch.Entries.Count);
                if (batch.Entries.Count == 0)
                {
                    await acknowledged; // caught up: nothing of the partition is left in the table
                    await outbox.WaitForPublishAsync(partition, IdlePoll, ct);
                    await LingerAsync(TimeSpan.Zero, ct); // what follows the first event joins its batch
                    continue;
                }
                var outcome = await processor.ProcessAsync(batch, ct);
                await acknowledged;
                acknowledged = AcknowledgeAsync(cursor, batch, ct);
                failures = 0;
                LogApplied(logger, partition, outcome.Events, outcome.AppliedToTenant, outcome.AppliedToCustomers, outcome.Skipped);
                if (batch.Entries.Count < asked) await LingerAsync(Stopwatch.GetElapsedTime(read), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, failures - 1)));
                LogFailed(logger, e, partition, failures, backoff);
                try
                {
                    await Task.Delay(backoff, clock, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Removes an applied batch from the outbox. A failure is only logged: the batch is applied, and the
    /// next acknowledgement deletes its rows with its own; until then a restart would deliver it again, harmlessly.
    /// </summary>
    private async Task AcknowledgeAsync(OutboxCursor cursor, StreamBatch batch, CancellationToken ct)
    {
        try
        {
            await cursor.AcknowledgeAsync(batch, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogAcknowledgeFailed(logger, e, cursor.Partition);
        }
    }

    /// <summary>
    /// Without a backlog, reads a partition at most every <see cref="LocalStreamOptions.LingerMilliseconds"/>:
    /// under a steady trickle (Respond at 500/s) reading at once made batches of one or two events,
    /// each several commits the requests' commits queued behind. Real time, like the idle poll: it
    /// paces the loop and means nothing in the domain's clock (a test's fake clock would stop the stream).
    /// </summary>
    private Task LingerAsync(TimeSpan since, CancellationToken ct)
    {
        var remaining = TimeSpan.FromMilliseconds(options.Value.LingerMilliseconds) - since;
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, ct) : Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Local stream partition {Partition}: {Events} events, {Tenant} to tenant rollups, {Customers} to customers, {Skipped} copies skipped")]
    private static partial void LogApplied(ILogger logger, int partition, int events, int tenant, int customers, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Local stream partition {Partition}: removing an applied batch from the outbox failed; the next batch's removal takes its rows")]
    private static partial void LogAcknowledgeFailed(ILogger logger, Exception exception, int partition);

    [LoggerMessage(Level = LogLevel.Error, Message = "Local stream partition {Partition}: batch failed ({Failures} in a row); retrying in {Backoff}")]
    private static partial void LogFailed(ILogger logger, Exception exception, int partition, int failures, TimeSpan backoff);
}
