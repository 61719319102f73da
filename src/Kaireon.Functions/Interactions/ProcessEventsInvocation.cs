using System.Globalization;
using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.DeadLetters;
using Kaireon.Core.Interactions;
using Kaireon.Core.Tenancy;
using Kaireon.Functions.Hosting.Invocations;
using Microsoft.Extensions.Options;

namespace Kaireon.Functions.Interactions;

/// <summary>
/// <c>ProcessEvents</c> (Event Hubs trigger, <c>cardinality: many</c>, <c>dataType: string</c>):
/// reads the batch's bodies with their partition and sequence numbers, parks what cannot be read
/// or validated as dead letters (never dropped: the trigger checkpoints past every invocation), and
/// applies the rest through <see cref="StreamBatchProcessor"/> — the code the local stream uses.
/// A store failure throws: the invocation fails and the function's retry policy redelivers the
/// batch, which the processor applies once. After the last attempt the host moves its checkpoint
/// past the batch all the same, so a batch that fails its last attempt is parked whole instead:
/// every event then waits in the dead letters for a replay rather than being lost.
/// </summary>
public sealed partial class ProcessEventsInvocation(
    StreamBatchProcessor processor, InteractionResolvers resolvers, DeadLetterStore deadLetters, TimeProvider clock, IOptions<EventHubsOptions> options,
    ILogger<ProcessEventsInvocation> logger)
    : IFunctionInvocationHandler
{
    public const string FunctionName = "ProcessEvents";

    public async Task<InvocationReply> InvokeAsync(FunctionInvocation invocation, CancellationToken ct)
    {
        var bodies = invocation.GetData("events", InvocationJsonContext.Default.StringArray) ?? [];
        var partition = invocation.GetMetadata("PartitionContext") is { ValueKind: JsonValueKind.Object } context
            && context.TryGetProperty("PartitionId", out var id) ? id.GetString() ?? "0" : "0";
        var sequences = invocation.GetMetadata("SequenceNumberArray", InvocationJsonContext.Default.Int64Array) ?? [];
        var properties = invocation.GetMetadata("PropertiesArray") is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().ToList() : [];
        if (sequences.Length != bodies.Length)
            throw new InvalidOperationException($"ProcessEvents got {bodies.Length} events but {sequences.Length} sequence numbers.");

        var reader = new StreamBodyReader(resolvers, options.Value.DefaultTenantId);
        var readable = new List<(StreamEntry Entry, TenantId? Tenant, string Body)>();
        var parked = 0;
        for (var i = 0; i < bodies.Length; i++)
        {
            var read = await reader.ReadAsync(bodies[i], i < properties.Count ? properties[i] : null, ct);
            if (read.Event is not null)
            {
                readable.Add((new StreamEntry(sequences[i], read.Event), read.Tenant, bodies[i]));
                continue;
            }
            await ParkAsync(read.Tenant, partition, bodies[i], sequences[i], read.Reason!, read.Errors, ct);
            parked++;
        }

        var range = sequences.Length == 0 ? "none" : string.Create(CultureInfo.InvariantCulture, $"seq {sequences.Min()}-{sequences.Max()}");
        var retry = invocation.GetMetadata("RetryContext", InvocationJsonContext.Default.RetryContext);
        StreamBatchProcessor.Outcome outcome;
        try
        {
            outcome = await processor.ProcessAsync(new StreamBatch(partition, [.. readable.Select(r => r.Entry)]), ct);
        }
        catch (Exception e) when (RetryContext.IsLastAttempt(retry) && !ct.IsCancellationRequested)
        {
            // The exception stays in the log: a batch holds events of several tenants, and what a store
            // says about one of its documents is not for another tenant's dead letters.
            var attempts = (retry?.RetryCount ?? 0) + 1;
            LogBatchParked(logger, e, partition, range, attempts);
            var reason = string.Create(CultureInfo.InvariantCulture, $"not applied: its stream batch failed {attempts} times ({e.GetType().Name}); the service's log says why");
            foreach (var (entry, tenant, body) in readable) await ParkAsync(tenant, partition, body, entry.Sequence, reason, null, ct);
            return InvocationReply.WithLogs(string.Create(CultureInfo.InvariantCulture,
                $"partition {partition}: {bodies.Length} events ({range}): the batch failed its last attempt and was parked, {readable.Count + parked} parked"));
        }
        return InvocationReply.WithLogs(string.Create(CultureInfo.InvariantCulture,
            $"partition {partition}: {bodies.Length} events ({range}): {outcome.AppliedToTenant} rolled up, {outcome.AppliedToCustomers} new to customers, {outcome.Skipped} copies, {parked} parked"));
    }

    /// <summary>Parks an event under a deterministic id: a redelivered batch parks the same letter once.</summary>
    private Task<DeadLetter> ParkAsync(TenantId? tenant, string partition, string body, long sequence, string reason, IDictionary<string, string[]>? errors, CancellationToken ct) =>
        deadLetters.ParkAsync(tenant, new DeadLetter
        {
            Id = $"dl_p{partition}_s{sequence}",
            At = clock.GetUtcNow(),
            Reason = reason,
            Body = body,
            Source = FunctionName,
            StreamPartition = partition,
            Sequence = sequence,
            Errors = errors,
        }, ct);

    [LoggerMessage(Level = LogLevel.Error, Message = "ProcessEvents: the batch of partition {Partition} ({Range}) failed its last attempt ({Attempts} in all); its events are parked as dead letters")]
    private static partial void LogBatchParked(ILogger logger, Exception exception, string partition, string range, int attempts);
}
