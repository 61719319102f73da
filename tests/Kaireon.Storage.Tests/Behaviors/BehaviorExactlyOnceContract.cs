using System.Globalization;
using System.Text.Json;
using Kaireon.Core.Audit;
using Kaireon.Core.Behaviors;
using Kaireon.Core.Catalog;
using Kaireon.Core.Conditions;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Metrics;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Tests.Contract;
using Kaireon.Storage.Tests.Interactions;

namespace Kaireon.Storage.Tests.Behaviors;

/// <summary>
/// Flexible behaviours are tracked exactly once (design §4, §8), on a real store: for random events
/// of a verb with five flexible behaviours (rate limits of 1 per all time, 2 per day, 3 per week and 2
/// per month, and none), accepted through the events path or sent straight to the stream, published in
/// copies, delivered in random batches, redelivered (with other batch boundaries after a crash),
/// processed twice at once, and with the process dying at any write of a batch, every customer's
/// behaviour counts and rate-limited counts, the match interactions in its day documents and the
/// tenant rollups equal a reference fold of the unique events in the order they reached the stream.
/// Seeded: a failure names the case's seed, and the same seed replays it.
/// </summary>
public abstract class BehaviorExactlyOnceContract
{
    protected abstract StoreSet Stores { get; }

    /// <summary>How many random cases a run tries.</summary>
    protected abstract int Cases { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A Saturday: five days from it cross a week (Monday March 30) and a month.</summary>
    private static readonly DateTimeOffset Epoch = new(2026, 3, 28, 0, 0, 0, TimeSpan.Zero);

    private static readonly Behavior[] Definitions =
    [
        new() { Id = "buy", Verb = "buy", Name = "Buy" },
        new() { Id = "view", Verb = "view", Name = "View (no flexible behaviours)" },
        Flexible("any_product", "{'field':'product_type','operator':'is','value':'*'}", "product_type", 1, RateLimitPeriod.AllTime),
        Flexible("big_sale", "{'all':[{'field':'amount','operator':'gt','value':100},{'any':[{'field':'product_type','operator':'is','value':'enterprise'},{'field':'product_type','operator':'is','value':'business'}]}]}"),
        Flexible("daily_plan", "{'all':[{'field':'plan','operator':'is','value':'*'},{'field':'amount','operator':'gte','value':10}]}", "plan", 2, RateLimitPeriod.Day),
        Flexible("weekly_plan", "{'field':'plan','operator':'is','value':'*'}", "plan", 3, RateLimitPeriod.Week),
        Flexible("monthly_region", "{'all':[{'field':'region','operator':'is','value':'*'},{'field':'region','operator':'is_not','value':'apac'}]}", "region", 2, RateLimitPeriod.Month),
    ];

    private static Behavior Flexible(string id, string conditions, string? field = null, int limit = 0, RateLimitPeriod period = RateLimitPeriod.AllTime) => new()
    {
        Id = id,
        Name = id,
        ParentId = "buy",
        Conditions = JsonDocument.Parse(conditions.Replace('\'', '"')).RootElement.Clone(),
        RateLimit = field is null ? null : new BehaviorRateLimit { Field = field, Limit = limit, Period = period },
    };

    [Fact]
    public async Task Duplicated_redelivered_crashed_and_concurrent_deliveries_track_each_event_once_in_stream_order()
    {
        for (var seed = 1; seed <= Cases; seed++)
        {
            try
            {
                await RunCaseAsync(seed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new InvalidOperationException($"Case with seed {seed} failed: {e.Message}", e);
            }
        }
    }

    private async Task RunCaseAsync(int seed)
    {
        var random = new Random(seed);
        var tenant = TenantId.Parse($"bx-{seed}-{Guid.NewGuid():N}"[..24]);
        var stream = new InMemoryStream(partitions: random.Next(1, 4));
        var publisher = new OrderedPublisher(stream);
        var customers = new FaultyCustomerStore(Stores.Customers);
        var recorder = new InteractionRecorder(customers, publisher, new TransientStoreRetry(TimeProvider.System));
        var observer = new RecordingObserver();
        var (processor, behaviors) = await ProcessorAsync(customers, tenant, observer);

        var unique = Generate(random);
        var viaApi = unique.Where(_ => random.Next(2) == 0).ToList();
        var work = new Queue<Func<Task>>(Shuffle(random, [.. unique.Select(i => viaApi.Contains(i)
            ? (Func<Task>)(() => RecordAsync(recorder, customers, tenant, i, random))
            : () => { Publish(publisher, tenant, i, random); return Task.CompletedTask; })]));

        while (work.Count > 0 || Enumerable.Range(0, stream.Partitions).Any(stream.HasUndelivered))
        {
            if (work.Count > 0 && random.Next(3) > 0) await work.Dequeue()();
            else await DeliverAsync(stream, processor, customers, random, random.Next(stream.Partitions));
        }

        await AssertMatchesReferenceAsync(tenant, unique, publisher.FirstSeen, behaviors, observer);
    }

    private async Task<(StreamBatchProcessor Processor, IReadOnlyList<Behavior> Behaviors)> ProcessorAsync(
        ICustomerStore customers, TenantId tenant, RecordingObserver observer)
    {
        var clock = TimeProvider.System;
        var snapshots = new CatalogSnapshots(Stores.Catalog, clock);
        var catalog = new CatalogService(Stores.Catalog, new AuditLog(Stores.Traces, clock), clock, snapshots);
        var created = new List<Behavior>();
        foreach (var definition in Definitions)
        {
            var result = await catalog.CreateAsync(Behavior.Kind, tenant, definition, Actor.System, Ct);
            Assert.True(result.Outcome == CatalogOutcome.Created, $"{definition.Id}: {result.Outcome} {result.Errors}");
            created.Add(result.Entity!);
        }
        var processor = new StreamBatchProcessor(customers, Stores.Rollups, new TransientStoreRetry(clock),
            new TenantMetrics(catalog, clock), new CustomerMetrics(customers, clock), new ChangedCustomers(Stores.Rollups, clock),
            new BehaviorStream(customers, new BehaviorCatalog(snapshots), clock), [observer]);
        return (processor, created);
    }

    private static async Task RecordAsync(InteractionRecorder recorder, FaultyCustomerStore customers, TenantId tenant, Interaction interaction, Random random)
    {
        // The events endpoint dies after publishing, before its customer write: the client may or may not retry.
        if (random.Next(6) == 0)
        {
            customers.CrashAtWrite(1);
            try
            {
                await recorder.RecordAsync(tenant, [interaction], Ct);
            }
            catch (SimulatedCrash)
            {
            }
            customers.Disarm();
            if (random.Next(2) == 0) return;
        }
        var repeats = random.Next(4) == 0 ? 2 : 1;
        for (var i = 0; i < repeats; i++) await recorder.RecordAsync(tenant, [interaction], Ct);
    }

    private static void Publish(OrderedPublisher publisher, TenantId tenant, Interaction interaction, Random random)
    {
        var copies = random.Next(5) == 0 ? random.Next(2, 4) : 1;
        for (var i = 0; i < copies; i++) publisher.Append(tenant, interaction);
    }

    private static async Task DeliverAsync(InMemoryStream stream, StreamBatchProcessor processor, FaultyCustomerStore customers, Random random, int partition)
    {
        if (!stream.HasUndelivered(partition)) return;
        var batch = stream.Next(partition, random.Next(1, 12));
        switch (random.Next(8))
        {
            case 0:
                // Dies at some write of the batch (if it makes that many): nothing is acknowledged, and
                // the partition is redelivered from the same event, in batches of another size.
                customers.CrashAtWrite(random.Next(1, 7));
                try
                {
                    await processor.ProcessAsync(batch, Ct);
                }
                catch (SimulatedCrash)
                {
                }
                customers.Disarm();
                return;
            case 1:
                // Two consumers on one partition for a moment (an ownership handover).
                await Task.WhenAll(processor.ProcessAsync(batch, Ct), processor.ProcessAsync(batch, Ct));
                break;
            default:
                await processor.ProcessAsync(batch, Ct);
                break;
        }
        if (random.Next(6) == 0) await processor.ProcessAsync(batch, Ct);
        stream.Acknowledge(partition, batch);
    }

    private async Task AssertMatchesReferenceAsync(
        TenantId tenant, List<Interaction> unique, IReadOnlyList<Interaction> streamOrder, IReadOnlyList<Behavior> behaviors, RecordingObserver observer)
    {
        var flexible = behaviors.Where(b => b.IsFlexible).ToList();
        var reference = ReferenceFold(streamOrder, flexible);
        var activity = new BehaviorActivityReader(Stores.Customers, new CatalogService(Stores.Catalog, new AuditLog(Stores.Traces, TimeProvider.System), TimeProvider.System));
        var expectedMatches = new List<Interaction>();

        foreach (var customer in unique.GroupBy(i => i.CustomerId))
        {
            var partition = new DocumentPartition(tenant, customer.Key);
            var documents = await Stores.Customers.RangeAsync(partition, "day|", "day|~", Ct);
            var days = documents.Select(d => d.Body.Deserialize(KaireonJson.Default.CustomerDay)!).ToList();
            var stored = days.SelectMany(d => d.Interactions).ToList();
            var matches = customer.SelectMany(e => reference.Tracked.GetValueOrDefault(e.EventId) ?? []).ToList();
            expectedMatches.AddRange(matches);

            Assert.All(days, d => Assert.Empty(d.PendingRollup));
            Assert.Equal(customer.Select(i => i.EventId).Concat(matches.Select(m => m.EventId)).Order(StringComparer.Ordinal),
                stored.Select(i => i.EventId).Order(StringComparer.Ordinal));
            Assert.All(days, d => Assert.All(d.Interactions, i => Assert.Equal(d.Day, i.Day)));

            var book = (await Stores.Customers.FindAsync(partition, CustomerBehaviorBook.DocumentId, Ct))?.Body.Deserialize(KaireonJson.Default.CustomerBehaviorBook);
            foreach (var behavior in flexible)
            {
                var expected = reference.Counters.GetValueOrDefault((customer.Key, behavior.Id!));
                var actual = book?.Behaviors.GetValueOrDefault(behavior.Id!);
                var what = $"{behavior.Id} for {customer.Key}";
                Assert.True((expected?.Count ?? 0) == (actual?.Count ?? 0), $"{what}: count {actual?.Count ?? 0}, expected {expected?.Count ?? 0}");
                Assert.True((expected?.Limited ?? 0) == (actual?.RateLimitedCount ?? 0), $"{what}: rate limited {actual?.RateLimitedCount ?? 0}, expected {expected?.Limited ?? 0}");
                Assert.Equal(expected?.Last, actual?.LastTrackedAt);
            }
            var anyProduct = await activity.ReadAsync(tenant, "any_product", customer.Key, Ct);
            Assert.Equal(reference.Counters.GetValueOrDefault((customer.Key, "any_product"))?.Count ?? 0, anyProduct!.Count);
        }

        // Matches reach the tenant rollups with their events, once.
        var shards = await Stores.Rollups.RangeAsync(new DocumentPartition(tenant, TenantRollup.AllDimensions), "day|", "day|~", Ct);
        var actualRows = Fold(shards.Select(s => s.Body.Deserialize(KaireonJson.Default.TenantRollup)!).SelectMany(s => s.Rows.Values.Select(r => (s.Day, r.Key, r.Cell))));
        var expectedRows = Fold(unique.Concat(expectedMatches).Select(i =>
        {
            var cell = new InteractionCell();
            cell.Add(i);
            return (i.Day, InteractionKey.Of(i), cell);
        }));
        Assert.Equal(expectedRows, actualRows);

        // Observers hear of each interaction at most once, and only of applied ones.
        var heard = observer.Heard.Where(h => h.Tenant == tenant).Select(h => h.EventId).ToList();
        Assert.Equal(heard.Count, heard.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(heard.Except(unique.Concat(expectedMatches).Select(i => i.EventId), StringComparer.Ordinal));
    }

    private sealed record Expected(long Count, long Limited, DateTimeOffset? Last);

    /// <summary>
    /// What tracking the unique events one at a time, in the order they reached the stream, gives:
    /// written from the page's rules, with the condition engine read straight from the JSON.
    /// </summary>
    private static (Dictionary<(string Customer, string Behavior), Expected> Counters, Dictionary<string, List<Interaction>> Tracked) ReferenceFold(
        IReadOnlyList<Interaction> streamOrder, IReadOnlyList<Behavior> flexible)
    {
        var compiled = flexible.Select(b => (Behavior: b, Condition: ConditionTree.Parse(b.Conditions!.Value).Compile())).ToList();
        var counters = new Dictionary<(string, string), Expected>();
        var tracked = new Dictionary<string, List<Interaction>>(StringComparer.Ordinal);
        var used = new Dictionary<(string Customer, string Behavior, string Bucket, string Value), int>();
        foreach (var e in streamOrder.Where(e => e.Type == "buy"))
        {
            var data = new JsonConditionData(e.Metadata!.Value);
            foreach (var (behavior, condition) in compiled)
            {
                if (!condition.Evaluate(data)) continue;
                var key = (e.CustomerId, behavior.Id!);
                var current = counters.GetValueOrDefault(key) ?? new Expected(0, 0, null);
                if (behavior.RateLimit is { } limit)
                {
                    Assert.True(data.TryGet(limit.Field!, out var value));
                    var bucket = (e.CustomerId, behavior.Id!, Bucket(limit.Period!.Value, e.Timestamp.UtcDateTime), value.ToString());
                    if (used.GetValueOrDefault(bucket) >= limit.Limit)
                    {
                        counters[key] = current with { Limited = current.Limited + 1 };
                        continue;
                    }
                    used[bucket] = used.GetValueOrDefault(bucket) + 1;
                }
                counters[key] = new Expected(current.Count + 1, current.Limited, current.Last is { } last && last > e.Timestamp ? last : e.Timestamp);
                if (!tracked.TryGetValue(e.EventId, out var list)) tracked[e.EventId] = list = [];
                list.Add(BehaviorMatches.Of(e, behavior.Id!));
            }
        }
        return (counters, tracked);
    }

    private static string Bucket(RateLimitPeriod period, DateTime utc) => period switch
    {
        RateLimitPeriod.Day => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        RateLimitPeriod.Week => $"{ISOWeek.GetYear(utc)}-{ISOWeek.GetWeekOfYear(utc)}",
        RateLimitPeriod.Month => utc.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => "all",
    };

    /// <summary>Cells summed per (day, key), as comparable text.</summary>
    private static List<string> Fold(IEnumerable<(UtcDay Day, InteractionKey Key, InteractionCell Cell)> rows) =>
        [.. rows.GroupBy(r => (r.Day, r.Key.ToRowKey()))
            .Select(g =>
            {
                var total = new InteractionCell();
                foreach (var row in g) total.Merge(row.Cell);
                return FormattableString.Invariant(
                    $"{g.Key.Day} {g.Key.Item2.Replace('\u001f', '/')} n={total.Count} sum={total.SumValue:0.####} last={total.LastContact:O}");
            })
            .Order(StringComparer.Ordinal)];

    private static List<Interaction> Generate(Random random)
    {
        var customers = Enumerable.Range(0, random.Next(1, 4)).Select(c => $"c-{c}").ToList();
        string[] products = ["enterprise", "business", "consumer"], plans = ["basic", "pro"], regions = ["eu", "us", "apac"];
        return [.. Enumerable.Range(0, random.Next(1, 40)).Select(n =>
        {
            var roll = random.Next(10);
            var type = roll < 7 ? "buy" : roll < 8 ? "view" : "click";
            var metadata = new System.Text.Json.Nodes.JsonObject();
            if (random.Next(5) > 0) metadata["product_type"] = products[random.Next(products.Length)];
            if (random.Next(10) < 7) metadata["amount"] = random.Next(0, 200);
            if (random.Next(10) < 6) metadata["plan"] = plans[random.Next(plans.Length)];
            if (random.Next(10) < 6) metadata["region"] = regions[random.Next(regions.Length)];
            return new Interaction
            {
                EventId = $"e-{n}",
                CustomerId = customers[random.Next(customers.Count)],
                Type = type,
                Timestamp = Epoch.AddMinutes(random.Next(0, 5 * 24 * 60)),
                Outcome = type == "click" ? OutcomeCategory.Positive : null,
                Direction = Direction.Inbound,
                Value = random.Next(3) == 0 ? random.Next(1, 100) : null,
                Metadata = JsonDocument.Parse(metadata.ToJsonString()).RootElement.Clone(),
            };
        })];
    }

    private static List<T> Shuffle<T>(Random random, List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }

    private sealed class RecordingObserver : IInteractionObserver
    {
        private readonly List<(TenantId Tenant, string EventId)> _heard = [];

        public IReadOnlyList<(TenantId Tenant, string EventId)> Heard
        {
            get { lock (_heard) return [.. _heard]; }
        }

        public Task OnAppliedAsync(IReadOnlyList<AppliedInteractions> applied, CancellationToken ct)
        {
            lock (_heard) _heard.AddRange(applied.SelectMany(a => a.Interactions.Select(i => (a.Tenant, i.EventId))));
            return Task.CompletedTask;
        }
    }
}
