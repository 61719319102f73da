using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Behaviors;

/// <summary>One batch's behaviour step, between reading the books and writing the day documents (see <see cref="BehaviorStream"/>).</summary>
public sealed class BehaviorBatch
{
    public const int MaxAttempts = 20;

    private readonly ICustomerStore _customers;
    private readonly TimeProvider _clock;
    private readonly IReadOnlyList<CustomerWork> _work;

    internal BehaviorBatch(ICustomerStore customers, TimeProvider clock, IReadOnlyList<CustomerWork> work)
    {
        _customers = customers;
        _clock = clock;
        _work = work;
    }

    /// <summary>A customer with events of a verb that has flexible behaviours, and its book as read first.</summary>
    internal sealed record CustomerWork(DocumentPartition Partition, TenantBehaviors Behaviors, IReadOnlyList<Interaction> Events, PartitionedDocument? Book);

    /// <summary>
    /// Decides the customers' events that <paramref name="days"/> (their day documents, read after
    /// the books; null when absent) show absent or pending, commits each customer's book, and answers
    /// the matches to record with those events.
    /// </summary>
    public async Task<BehaviorMatches> DecideAsync(IReadOnlyDictionary<(TenantId Tenant, string CustomerId, UtcDay Day), CustomerDay?> days, CancellationToken ct)
    {
        if (_work.Count == 0) return BehaviorMatches.None;
        var matches = new Dictionary<(TenantId, string), IReadOnlyList<Interaction>>();
        foreach (var customer in _work)
        {
            var (tenant, customerId) = (customer.Partition.Tenant, customer.Partition.Key);
            var stored = customer.Book;
            var customerDays = customer.Events.Select(e => e.Day).Distinct().ToDictionary(d => d, d => days.GetValueOrDefault((tenant, customerId, d)));
            for (var attempt = 1; ; attempt++)
            {
                var book = stored?.Deserialize(KaireonJson.Default.CustomerBehaviorBook) ?? new CustomerBehaviorBook();
                var (changed, decided) = Decide(customer, book, customerDays, _clock.GetUtcNow());
                if (!changed || await WriteAsync(customer.Partition, book, stored, ct))
                {
                    foreach (var (parent, decision) in decided) matches[(tenant, parent.EventId)] = BehaviorTracker.Matches(parent, decision);
                    break;
                }
                if (attempt == MaxAttempts)
                    throw new InvalidOperationException($"The behaviour book of a customer in {tenant} kept changing under {MaxAttempts} attempts to update it.");
                // Another writer got there first: read its book, then the days again, in that order (see BehaviorStream).
                stored = await _customers.FindAsync(customer.Partition, CustomerBehaviorBook.DocumentId, ct);
                foreach (var day in customerDays.Keys.ToList())
                    customerDays[day] = (await _customers.FindAsync(customer.Partition, day.DocumentId, ct))?.Deserialize(KaireonJson.Default.CustomerDay);
            }
        }
        return new BehaviorMatches(matches);
    }

    /// <summary>Decides in place; true when the book gained a decision and must be written.</summary>
    private static (bool Changed, List<(Interaction Parent, BehaviorDecision Decision)> Decided) Decide(
        CustomerWork customer, CustomerBehaviorBook book, Dictionary<UtcDay, CustomerDay?> days, DateTimeOffset now)
    {
        // A decision whose event its day document shows applied went in with it: it is needed no more.
        foreach (var (eventId, decision) in book.Decisions.ToList())
        {
            if (days.GetValueOrDefault(decision.Day) is { } day && IsApplied(day, eventId)) book.Decisions.Remove(eventId);
        }

        var changed = false;
        var decided = new List<(Interaction, BehaviorDecision)>();
        foreach (var e in customer.Events)
        {
            var day = days[e.Day];
            if (day is not null && IsApplied(day, e.EventId)) continue;
            // Decide on the version the day document keeps, if any (a client's retry may differ).
            var parent = day?.Find(e.EventId) ?? e;
            if (book.Decisions.TryGetValue(e.EventId, out var committed))
            {
                decided.Add((parent, committed));
                continue;
            }
            if (customer.Behaviors.ForVerb(parent.Type) is not { } verb) continue;
            var decision = BehaviorTracker.Decide(book, verb, parent, now);
            if (decision.IsEmpty) continue;
            book.Decisions[e.EventId] = decision;
            decided.Add((parent, decision));
            changed = true;
        }
        if (changed) BehaviorTracker.Prune(book, now);
        return (changed, decided);
    }

    private static bool IsApplied(CustomerDay day, string eventId) => day.Find(eventId) is not null && !day.PendingRollup.Contains(eventId);

    private async Task<bool> WriteAsync(DocumentPartition partition, CustomerBehaviorBook book, PartitionedDocument? stored, CancellationToken ct)
    {
        var document = new PartitionedDocument
        {
            Partition = partition,
            Id = CustomerBehaviorBook.DocumentId,
            Body = JsonSerializer.SerializeToElement(book, KaireonJson.Default.CustomerBehaviorBook),
        };
        var written = stored is null ? await _customers.CreateAsync(document, ct) : await _customers.ReplaceAsync(document, stored.Etag, ct);
        return written.Ok;
    }
}
