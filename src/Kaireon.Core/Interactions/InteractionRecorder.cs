using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Interactions;

/// <summary>
/// Accepts interactions (design §4): each is written into its customer's day document
/// synchronously — so the customer's own summaries see it at once — marked pending for the tenant
/// rollup, then published to the stream. Only then is it acknowledged. An event id the day
/// document already holds is a duplicate: nothing changes, and the first version is answered.
/// </summary>
public sealed class InteractionRecorder(ICustomerStore customers, IEventPublisher publisher)
{
    public sealed record Recorded(Interaction Interaction, bool Duplicate);

    /// <summary>Records a batch with one write per touched day document; results are in input order.</summary>
    public async Task<IReadOnlyList<Recorded>> RecordAsync(TenantId tenant, IReadOnlyList<Interaction> interactions, CancellationToken ct)
    {
        var results = new Recorded[interactions.Count];
        var republish = new List<Interaction>();
        foreach (var group in interactions.Select((interaction, index) => (interaction, index)).GroupBy(x => (x.interaction.CustomerId, x.interaction.Day)))
        {
            var (customerId, day) = group.Key;
            var pendingDuplicates = new List<Interaction>();
            await DocumentUpdate.UpdateAsync(customers, new DocumentPartition(tenant, customerId), day.DocumentId, KaireonJson.Default.CustomerDay,
                current =>
                {
                    pendingDuplicates.Clear();
                    var next = current is null
                        ? new CustomerDay { CustomerId = customerId, Day = day }
                        : current with { Interactions = [.. current.Interactions], PendingRollup = [.. current.PendingRollup] };
                    var changed = false;
                    foreach (var (interaction, index) in group)
                    {
                        if (next.Find(interaction.EventId) is { } existing)
                        {
                            results[index] = new Recorded(existing, Duplicate: true);
                            if (next.PendingRollup.Contains(existing.EventId)) pendingDuplicates.Add(existing);
                            continue;
                        }
                        next.Interactions.Add(interaction);
                        next.PendingRollup.Add(interaction.EventId);
                        results[index] = new Recorded(interaction, Duplicate: false);
                        changed = true;
                    }
                    return changed ? next : null;
                }, ct);
            republish.AddRange(pendingDuplicates);
        }

        // A repeat of an event still waiting for its rollup publishes it again: its first publish may
        // have failed after the write. The consumer applies an event once whatever the copies.
        var toPublish = results.Where(r => !r.Duplicate).Select(r => r.Interaction).Concat(republish).DistinctBy(i => i.EventId).ToList();
        if (toPublish.Count > 0) await publisher.PublishAsync(tenant, toPublish, ct);
        return results;
    }
}
