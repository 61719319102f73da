using System.Globalization;
using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.DeadLetters;
using Kaireon.Core.Interactions;
using Kaireon.Functions.Hosting.Invocations;
using Microsoft.Extensions.Options;

namespace Kaireon.Functions.Interactions;

/// <summary>
/// <c>ProcessEvents</c> (Event Hubs trigger, <c>cardinality: many</c>, <c>dataType: string</c>):
/// reads the batch's bodies with their partition and sequence numbers, parks what cannot be read
/// or validated as dead letters (never dropped: the trigger checkpoints past every invocation), and
/// applies the rest through <see cref="StreamBatchProcessor"/> — the code the local stream uses.
/// A store failure throws: the invocation fails and the function's retry policy redelivers the
/// batch, which the processor applies once.
/// </summary>
public sealed class ProcessEventsInvocation(
    StreamBatchProcessor processor, InteractionResolvers resolvers, DeadLetterStore deadLetters, TimeProvider clock, IOptions<EventHubsOptions> options)
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
        var entries = new List<StreamEntry>();
        var parked = 0;
        for (var i = 0; i < bodies.Length; i++)
        {
            var read = await reader.ReadAsync(bodies[i], i < properties.Count ? properties[i] : null, ct);
            if (read.Event is not null)
            {
                entries.Add(new StreamEntry(sequences[i], read.Event));
                continue;
            }
            // Parked under a deterministic id: a redelivered batch parks the same letter once.
            await deadLetters.ParkAsync(read.Tenant, new DeadLetter
            {
                Id = $"dl_p{partition}_s{sequences[i]}",
                At = clock.GetUtcNow(),
                Reason = read.Reason!,
                Body = bodies[i],
                Source = FunctionName,
                StreamPartition = partition,
                Sequence = sequences[i],
                Errors = read.Errors,
            }, ct);
            parked++;
        }

        var outcome = await processor.ProcessAsync(new StreamBatch(partition, entries), ct);
        var range = sequences.Length == 0 ? "none" : string.Create(CultureInfo.InvariantCulture, $"seq {sequences.Min()}-{sequences.Max()}");
        return InvocationReply.WithLogs(string.Create(CultureInfo.InvariantCulture,
            $"partition {partition}: {bodies.Length} events ({range}): {outcome.AppliedToTenant} rolled up, {outcome.AppliedToCustomers} new to customers, {outcome.Skipped} copies, {parked} parked"));
    }
}
