using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.Audit;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Metrics;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Scoring;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Tests.Contract;

namespace Kaireon.Storage.Tests.Interactions;

/// <summary>
/// The exactly-once property (design §4), on a real store: for random interactions, accepted through
/// Respond's path, through POST /events' stream-first path (a failed publish, repeats that must
/// answer duplicate), or sent straight to the stream, published in copies, delivered in random batches,
/// redelivered, and with crashes between the rollup write and the customer writes, the customer day
/// documents, the tenant rollups, the customers' metric buckets and what learning models learn equal
/// a reference fold of the unique interactions. Each case runs Respond and the stream with one shared
/// day-document cache (as the host does), with one each (as two instances would), or with a shared
/// cache so small that it keeps evicting; and a crash may come before a write or after it (the
/// store holds a version no cache saw). Seeded: a
/// failure names the case's seed, and the same seed replays it.
/// </summary>
public abstract class ExactlyOnceContract
{
    protected abstract StoreSet Stores { get; }

    /// <summary>How many random cases a run tries.</summary>
    protected abstract int Cases { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] Outcomes = ["impression", "click", "convert", "dismiss"];
    private static readonly DateTimeOffset Epoch = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Duplicated_reordered_redelivered_and_crashed_deliveries_equal_a_fold_of_the_unique_events()
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
        var tenant = TenantId.Parse($"xo-{seed}-{Guid.NewGuid():N}"[..24]);
        var stream = new InMemoryStream(partitions: random.Next(1, 4));
        var customers = new CrashingCustomerStore(Stores.Customers) { AfterWrite = random.Next(2) == 0 };
        var (recordCache, streamCache) = random.Next(3) switch
        {
            0 => Twice(new CustomerDayCache()),
            1 => (new CustomerDayCache(), new CustomerDayCache()),
            _ => Twice(new CustomerDayCache(capacity: 4)),
        };
        // POST /events' claims: shared with the stream (one host), or the stream runs in another process.
        var inFlight = new InFlightEvents();
        var recorder = new InteractionRecorder(customers, stream, new TransientStoreRetry(TimeProvider.System), recordCache, inFlight);
        var processor = await ProcessorAsync(customers, tenant, streamCache, random.Next(2) == 0 ? inFlight : null);

        var unique = Generate(random, tenant);
        var paths = unique.ToLookup(_ => random.Next(3));
        var work = new Queue<Func<Task>>(Shuffle(random,
            paths[0].Select(i => (Func<Task>)(() => RecordAsync(recorder, customers, tenant, i, random)))
                .Concat(paths[1].Select(i => (Func<Task>)(() => AcceptAsync(recorder, stream, tenant, i, random))))
                .Concat(paths[2].Select(i => (Func<Task>)(() => { Publish(stream, tenant, i, random); return Task.CompletedTask; })))
                .ToList()));

        // Interleave producing with consuming; consuming sometimes redelivers or crashes half way.
        while (work.Count > 0 || Enumerable.Range(0, stream.Partitions).Any(stream.HasUndelivered))
        {
            if (work.Count > 0 && random.Next(3) > 0) await work.Dequeue()();
            else await DeliverAsync(stream, processor, customers, random, random.Next(stream.Partitions), allowFaults: true);
        }

        await AssertMatchesReferenceAsync(tenant, unique);
    }

    /// <summary>Two all-time metrics of the tenant (impressions by outcome type, total value), maintained by the stream.</summary>
    private static (CustomerDayCache, CustomerDayCache) Twice(CustomerDayCache cache) => (cache, cache);

    private async Task<StreamBatchProcessor> ProcessorAsync(ICustomerStore customers, TenantId tenant, CustomerDayCache days, InFlightEvents? inFlight)
    {
        var catalog = new CatalogService(Stores.Catalog, new AuditLog(Stores.Traces, TimeProvider.System), TimeProvider.System);
        foreach (var metric in Metrics)
            Assert.Equal(CatalogOutcome.Created, (await catalog.CreateAsync(BehavioralMetric.Kind, tenant, metric, Actor.System, Ct)).Outcome);
        var metrics = new TenantMetrics(catalog, TimeProvider.System);
        return new StreamBatchProcessor(customers, Stores.Rollups, new TransientStoreRetry(TimeProvider.System),
            metrics, new CustomerMetrics(customers, TimeProvider.System), new ChangedCustomers(Stores.Rollups, TimeProvider.System),
            learning: new ModelLearning(Stores.Rollups, TimeProvider.System), days: days, inFlight: inFlight);
    }

    private static readonly BehavioralMetric[] Metrics =
    [
        new() { Id = "bm_impressions", Name = "Impressions", AggregateFunction = AggregateFunction.Count, SourceField = SourceField.Impressions, GroupByDimensions = [MetricDimension.OutcomeType] },
        new() { Id = "bm_value", Name = "Value", AggregateFunction = AggregateFunction.Sum, SourceField = SourceField.TotalValue },
    ];

    private static async Task RecordAsync(InteractionRecorder recorder, CrashingCustomerStore customers, TenantId tenant, Interaction interaction, Random random)
    {
        // Respond dies after publishing, before its customer write: the client may or may not retry.
        if (random.Next(6) == 0)
        {
            customers.Armed = true;
            try
            {
                await recorder.RecordAsync(tenant, [interaction], Ct);
            }
            catch (SimulatedCrash)
            {
            }
            customers.Armed = false;
            if (random.Next(2) == 0) return;
        }
        // A client that retries sends the same request again: a duplicate, which may republish.
        var repeats = random.Next(4) == 0 ? 2 : 1;
        for (var i = 0; i < repeats; i++) await recorder.RecordAsync(tenant, [interaction], Ct);
    }

    private static async Task AcceptAsync(InteractionRecorder recorder, InMemoryStream stream, TenantId tenant, Interaction interaction, Random random)
    {
        // POST /events' publish fails: nothing is accepted, and the client sends the event again.
        if (random.Next(6) == 0)
        {
            stream.FailNextPublish = true;
            await Assert.ThrowsAsync<SimulatedCrash>(() => recorder.AcceptAsync(tenant, [interaction], Ct));
        }
        Assert.False((await recorder.AcceptAsync(tenant, [interaction], Ct))[0].Duplicate);
        // A repeat, at once or after the stream applied it: a duplicate, never published again.
        if (random.Next(3) == 0) Assert.True((await recorder.AcceptAsync(tenant, [interaction, interaction], Ct)).All(r => r.Duplicate));
    }

    private static void Publish(InMemoryStream stream, TenantId tenant, Interaction interaction, Random random)
    {
        // At-least-once producers: some events reach the stream two or three times.
        var copies = random.Next(5) == 0 ? random.Next(2, 4) : 1;
        for (var i = 0; i < copies; i++) stream.Append(tenant, interaction);
    }

    private static async Task DeliverAsync(
        InMemoryStream stream, StreamBatchProcessor processor, CrashingCustomerStore customers, Random random, int partition, bool allowFaults)
    {
        if (!stream.HasUndelivered(partition)) return;
        var batch = stream.Next(partition, random.Next(1, 12));
        if (allowFaults && random.Next(6) == 0)
        {
            // Dies at its first customer write, if the batch has one to make (an already applied
            // batch writes nothing and runs through).
            customers.Armed = true;
            try
            {
                await processor.ProcessAsync(batch, Ct);
            }
            catch (SimulatedCrash)
            {
            }
            customers.Armed = false;
        }
        await processor.ProcessAsync(batch, Ct);
        if (allowFaults && random.Next(6) == 0) await processor.ProcessAsync(batch, Ct);
        stream.Acknowledge(partition, batch);
    }

    private async Task AssertMatchesReferenceAsync(TenantId tenant, List<Interaction> unique)
    {
        foreach (var customer in unique.GroupBy(i => i.CustomerId))
        {
            var documents = await Stores.Customers.RangeAsync(new DocumentPartition(tenant, customer.Key), "day|", "day|~", Ct);
            var days = documents.Select(d => d.Body.Deserialize(KaireonJson.Default.CustomerDay)!).ToList();
            Assert.All(days, d => Assert.Empty(d.PendingRollup));
            Assert.Equal(customer.Select(i => i.EventId).Order(), days.SelectMany(d => d.Interactions).Select(i => i.EventId).Order());
            Assert.All(days, d => Assert.All(d.Interactions, i => Assert.Equal(d.Day, i.Day)));

            // Every customer was touched by the stream after its last interaction, so its book holds them all, once.
            var book = (await Stores.Customers.FindAsync(new DocumentPartition(tenant, customer.Key), CustomerMetricBook.DocumentId, Ct))!
                .Body.Deserialize(KaireonJson.Default.CustomerMetricBook)!;
            var impressions = book.Sections["bm_impressions"].Days.GetValueOrDefault(MetricSection.AllTime)?.Values.Sum(c => c.Count) ?? 0;
            Assert.Equal(customer.Count(i => i.Outcome == OutcomeCategory.Impression), impressions);
            var value = book.Sections["bm_value"].Days.GetValueOrDefault(MetricSection.AllTime)?.Values.Sum(c => c.Sum) ?? 0;
            Assert.Equal(customer.Sum(i => i.Value ?? 0), value);
        }

        var shards = await Stores.Rollups.RangeAsync(new DocumentPartition(tenant, TenantRollup.AllDimensions), "day|", "day|~", Ct);
        var actual = Fold(shards.Select(s => s.Body.Deserialize(KaireonJson.Default.TenantRollup)!)
            .SelectMany(s => s.Rows.Values.Select(r => (s.Day, r.Key, r.Cell))));
        var expected = Fold(unique.Select(i =>
        {
            var cell = new InteractionCell();
            cell.Add(i);
            return (i.Day, InteractionKey.Of(i), cell);
        }));
        Assert.Equal(expected, actual);

        // What learning models learn: every unique outcome about an offer, once.
        var learned = (await new ModelLearning(Stores.Rollups, TimeProvider.System).GetAsync(tenant, Ct)).For(RewardOn.Positive);
        var reference = LearnedState.Update(LearnedState.Empty, unique.Select(ModelOutcome.From).OfType<ModelOutcome>(), RewardOn.Positive);
        Assert.Equal(reference.Total, learned.Total);
        Assert.Equal(reference.Arms.OrderBy(a => a.Key), learned.Arms.OrderBy(a => a.Key));
    }

    /// <summary>Cells summed per (day, key), as comparable text.</summary>
    private static List<string> Fold(IEnumerable<(UtcDay Day, InteractionKey Key, InteractionCell Cell)> rows) =>
        [.. rows.GroupBy(r => (r.Day, r.Key.ToRowKey()))
            .Select(g =>
            {
                var total = new InteractionCell();
                foreach (var row in g) total.Merge(row.Cell);
                // Decimals compare by value: Cosmos keeps numbers as doubles, so 845.50 comes back as 845.5.
                return FormattableString.Invariant(
                    $"{g.Key.Day} {g.Key.Item2.Replace('\u001f', '/')} n={total.Count} sum={total.SumValue:0.####} min={total.MinValue:0.####} max={total.MaxValue:0.####} last={total.LastContact:O}");
            })
            .Order(StringComparer.Ordinal)];

    private static List<Interaction> Generate(Random random, TenantId tenant)
    {
        var customers = Enumerable.Range(0, random.Next(1, 5)).Select(c => $"c-{c}").ToList();
        return [.. Enumerable.Range(0, random.Next(1, 40)).Select(n =>
        {
            var outcome = Outcomes[random.Next(Outcomes.Length)];
            return new Interaction
            {
                EventId = $"e-{n}",
                CustomerId = customers[random.Next(customers.Count)],
                Type = outcome,
                Timestamp = Epoch.AddMinutes(random.Next(0, 5 * 24 * 60)),
                Outcome = outcome switch { "impression" => OutcomeCategory.Impression, "convert" => OutcomeCategory.Conversion, "dismiss" => OutcomeCategory.Negative, _ => OutcomeCategory.Positive },
                Direction = outcome == "impression" ? Direction.Outbound : Direction.Inbound,
                OfferId = $"o-{random.Next(3)}",
                ChannelId = random.Next(2) == 0 ? "web" : "email",
                Value = outcome == "convert" ? random.Next(1, 500) + 0.25m : null,
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
}
