using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Metrics;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Kaireon.Benchmarks;

/// <summary>
/// A realtime behavioral metric read over a 365-day window for a customer with 10,000 interactions
/// (targets: ≤ 2 store round trips per read, ≤ 50 µs of in-process compute). <c>Compute</c> is the
/// aggregation alone, from the customer's metric book as read plus today's unfolded interactions;
/// <c>ReadAndCompute</c> is the whole values read against a real SQLite file (two point reads,
/// deserialization, compute). The round trips are counted once in the setup and printed.
/// </summary>
[MemoryDiagnoser]
public class MetricReadBenchmarks : IDisposable
{
    private static readonly TenantId Tenant = TenantId.Parse("bench");
    private const string Customer = "c1";

    [Params("count_positive", "sum_value_by_channel", "ratio_by_offer")]
    public string Metric { get; set; } = "";

    private string _folder = "";
    private SqliteDatabase _database = null!;
    private CustomerMetrics _metrics = null!;
    private CompiledMetric _metric = null!;
    private CustomerMetricBook _book = null!;
    private (UtcDay, Interaction)[] _unfolded = [];
    private UtcDay _today;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _folder = Directory.CreateTempSubdirectory("kaireon-metric-bench-").FullName;
        _database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = Path.Combine(_folder, "kaireon.db") }));
        await new SqliteStoreHealth(_database).InitializeAsync(CancellationToken.None);
        var store = new CountingStore(new SqliteCustomerStore(_database));
        _metrics = new CustomerMetrics(store, TimeProvider.System);
        _today = UtcDay.Of(TimeProvider.System.GetUtcNow());
        _metric = new CompiledMetric(BehavioralMetric.Kind.Normalize(Metric switch
        {
            "count_positive" => new BehavioralMetric { Id = "bm_m", Name = "m", AggregateFunction = AggregateFunction.Count, SourceField = SourceField.Positive, WindowDays = 365 },
            "sum_value_by_channel" => new BehavioralMetric { Id = "bm_m", Name = "m", AggregateFunction = AggregateFunction.Sum, SourceField = SourceField.TotalValue, WindowDays = 365, GroupByDimensions = [MetricDimension.ChannelId] },
            _ => new BehavioralMetric { Id = "bm_m", Name = "m", AggregateFunction = AggregateFunction.Ratio, SourceField = SourceField.Positive, WindowDays = 365, GroupByDimensions = [MetricDimension.OfferId] },
        }));

        // 10,000 interactions over the 365 days ending today, as the stream leaves them: day
        // documents, then the book folded from them; then five more today, not folded yet.
        var partition = new DocumentPartition(Tenant, Customer);
        var days = History(10_000).GroupBy(i => i.Day).Select(g => new CustomerDay { CustomerId = Customer, Day = g.Key, Interactions = [.. g] }).ToList();
        foreach (var day in days) await store.CreateAsync(Document(partition, day.Day.DocumentId, JsonSerializer.SerializeToElement(day, KaireonJson.Default.CustomerDay)), default);
        await _metrics.UpdateAsync(Tenant, Customer, [_metric], days, default);
        var todays = days.Single(d => d.Day == _today);
        var late = todays with { Interactions = [.. todays.Interactions, .. History(5).Select((i, n) => i with { EventId = $"late{n}", Timestamp = TimeProvider.System.GetUtcNow() })] };
        var stored = await store.FindAsync(partition, _today.DocumentId, default);
        await store.ReplaceAsync(Document(partition, _today.DocumentId, JsonSerializer.SerializeToElement(late, KaireonJson.Default.CustomerDay)), stored!.Etag, default);

        store.Reset();
        var view = await _metrics.ReadAsync(Tenant, Customer, [_metric], default);
        var (values, _) = view.Values(_metric);
        Console.WriteLine($"// {Metric}: one values read = {store.Reads} store round trips ({store.Writes} writes), {values.Count} values");

        _book = (await store.FindAsync(partition, CustomerMetricBook.DocumentId, default))!.Body.Deserialize(KaireonJson.Default.CustomerMetricBook)!;
        _unfolded = [.. late.Interactions.Skip(_book.Folded[_today.ToString()]).Select(i => (_today, i))];
    }

    [Benchmark]
    public IReadOnlyList<MetricValue> Compute() => MetricFolding.Compute(_metric, _book.Sections[_metric.Id], _unfolded, _today);

    [Benchmark]
    public async Task<IReadOnlyList<MetricValue>> ReadAndCompute()
    {
        var view = await _metrics.ReadAsync(Tenant, Customer, [_metric], default);
        return view.Values(_metric).Values;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _database?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private static PartitionedDocument Document(DocumentPartition partition, string id, JsonElement body) => new() { Partition = partition, Id = id, Body = body };

    private List<Interaction> History(int count)
    {
        var random = new Random(count);
        (string Type, OutcomeCategory Outcome)[] types = [("impression", OutcomeCategory.Impression), ("impression", OutcomeCategory.Impression), ("click", OutcomeCategory.Positive), ("convert", OutcomeCategory.Conversion), ("dismiss", OutcomeCategory.Negative)];
        return [.. Enumerable.Range(0, count).Select(n =>
        {
            var (type, outcome) = types[random.Next(types.Length)];
            return new Interaction
            {
                EventId = $"e{n}", CustomerId = Customer, Type = type, Outcome = outcome,
                Timestamp = new DateTimeOffset(_today.AddDays(-random.Next(365)).Date.ToDateTime(new TimeOnly(random.Next(24), 0)), TimeSpan.Zero),
                OfferId = $"offer_{random.Next(20)}", ChannelId = random.Next(2) == 0 ? "web" : "email",
                Value = outcome == OutcomeCategory.Conversion ? Math.Round((decimal)random.NextDouble() * 200, 2) : null,
            };
        })];
    }
}
