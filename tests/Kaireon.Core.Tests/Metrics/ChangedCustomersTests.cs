using Kaireon.Core.Metrics;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Core.Tests.Metrics;

/// <summary>
/// The record of changed customers on a real SQLite file: a batch creates documents of its own
/// customers and rewrites none, a repeat within the freshness window writes nothing, and
/// <c>SinceAsync</c> never misses a change.
/// </summary>
public sealed class ChangedCustomersTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = TenantId.Parse("acme");
    private readonly string _folder = Directory.CreateTempSubdirectory("kaireon-changes-").FullName;
    private SqliteDatabase _database = null!;
    private SqliteRollupStore _rollups = null!;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 16, 22, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = Path.Combine(_folder, "c.db") }));
        await new SqliteStoreHealth(_database).InitializeAsync(Ct);
        _rollups = new SqliteRollupStore(_database);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    private Task<IReadOnlyList<PartitionedDocument>> DocumentsAsync() =>
        _rollups.RangeAsync(new DocumentPartition(Tenant, ChangedCustomers.PartitionKey), "", "~", Ct);

    private static List<string> Customers(PartitionedDocument document) => document.Id.StartsWith("changed|", StringComparison.Ordinal)
        ? document.Deserialize(Core.Json.KaireonJson.Default.ChangeLogEntry)!.Customers
        : [.. document.Deserialize(Core.Json.KaireonJson.Default.CustomerChanges)!.Customers.Keys];

    [Fact]
    public async Task A_batch_creates_a_log_entry_and_a_directory_entry_and_a_repeat_only_a_log_entry_once_the_freshness_passed()
    {
        var changes = new ChangedCustomers(_rollups, _clock);
        await changes.RecordAsync(Tenant, "0", ["c1", "c2", "c3"], Ct);
        var first = (await DocumentsAsync()).ToDictionary(d => d.Id, d => d.Etag);
        Assert.Equal(["changed|2026-03-16T22:00:00.0000000Z|p0", "changes|2026-03-16|p0|t22:00:00.0000000"], first.Keys.Order(StringComparer.Ordinal));

        _clock.Advance(ChangedCustomers.Freshness - TimeSpan.FromSeconds(1));
        await changes.RecordAsync(Tenant, "0", ["c1", "c2"], Ct);
        Assert.Equal(first, (await DocumentsAsync()).ToDictionary(d => d.Id, d => d.Etag));

        _clock.Advance(TimeSpan.FromSeconds(1));
        await changes.RecordAsync(Tenant, "0", ["c1", "c4"], Ct);
        var documents = await DocumentsAsync();
        Assert.All(first, d => Assert.Equal(d.Value, documents.Single(x => x.Id == d.Key).Etag)); // never rewritten
        var added = documents.Where(d => !first.ContainsKey(d.Id)).ToDictionary(d => d.Id, Customers);
        Assert.Equal(["c1", "c4"], added["changed|2026-03-16T22:05:00.0000000Z|p0"]);
        Assert.Equal(["c4"], added["changes|2026-03-16|p0|t22:05:00.0000000"]);
        Assert.Equal(2, added.Count);
    }

    [Fact]
    public async Task Batches_recorded_at_the_same_instant_keep_every_customer()
    {
        await new ChangedCustomers(_rollups, _clock).RecordAsync(Tenant, "0", ["c1"], Ct);
        await new ChangedCustomers(_rollups, _clock).RecordAsync(Tenant, "0", ["c2"], Ct); // another process, or a restart
        await new ChangedCustomers(_rollups, _clock).RecordAsync(Tenant, "0", ["c3"], Ct);

        var changes = new ChangedCustomers(_rollups, _clock);
        Assert.Equal(["c1", "c2", "c3"], await changes.SinceAsync(Tenant, since: null, Ct));
        Assert.Equal(["c1", "c2", "c3"], await changes.SinceAsync(Tenant, _clock.GetUtcNow(), Ct));
        Assert.Contains("changed|2026-03-16T22:00:00.0000000Z|p0|3", (await DocumentsAsync()).Select(d => d.Id));
    }

    [Fact]
    public async Task Every_customer_ever_includes_the_directory_documents_of_the_earlier_layout()
    {
        var legacy = new CustomerChanges { Customers = new(StringComparer.Ordinal) { ["old-1"] = _clock.GetUtcNow().AddDays(-3), ["old-2"] = _clock.GetUtcNow().AddDays(-3) } };
        await _rollups.CreateAsync(new PartitionedDocument
        {
            Partition = new DocumentPartition(Tenant, ChangedCustomers.PartitionKey),
            Id = "changes|2026-03-13|p1|s07",
            Utf8Body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(legacy, Core.Json.KaireonJson.Default.CustomerChanges),
        }, Ct);
        var changes = new ChangedCustomers(_rollups, _clock);
        await changes.RecordAsync(Tenant, "0", ["new-1"], Ct);

        Assert.Equal(["new-1", "old-1", "old-2"], await changes.SinceAsync(Tenant, since: null, Ct));
        Assert.Equal(["new-1"], await changes.SinceAsync(Tenant, _clock.GetUtcNow().AddDays(-1), Ct));
    }

    [Fact]
    public async Task The_log_keeps_a_day_and_a_since_further_back_reads_the_directory_of_its_days()
    {
        var changes = new ChangedCustomers(_rollups, _clock);
        var first = _clock.GetUtcNow();
        await changes.RecordAsync(Tenant, "0", ["c1"], Ct);
        _clock.Advance(TimeSpan.FromHours(3));
        await changes.RecordAsync(Tenant, "1", ["c2"], Ct);
        _clock.Advance(ChangedCustomers.LogRetention - TimeSpan.FromHours(3) + ChangedCustomers.PruneEvery);
        await changes.RecordAsync(Tenant, "0", ["c3"], Ct); // prunes: c1's entry is older than the retention, c2's is not

        var log = (await DocumentsAsync()).Where(d => d.Id.StartsWith("changed|", StringComparison.Ordinal)).SelectMany(Customers);
        Assert.Equal(["c2", "c3"], log.Order(StringComparer.Ordinal));
        Assert.Equal(["c1", "c2", "c3"], await changes.SinceAsync(Tenant, first, Ct)); // from the directory of 16 and 17 March
        Assert.Equal(["c2", "c3"], await changes.SinceAsync(Tenant, first + TimeSpan.FromHours(3), Ct));
        Assert.Equal(["c3"], await changes.SinceAsync(Tenant, _clock.GetUtcNow(), Ct));
    }

    [Fact]
    public async Task A_day_of_many_customers_is_one_directory_entry_per_customer_however_often_they_change()
    {
        var changes = new ChangedCustomers(_rollups, _clock);
        var customers = Enumerable.Range(0, 1600).Select(i => $"customer-{i}").ToList();
        for (var window = 0; window < 5; window++)
        {
            await changes.RecordAsync(Tenant, "0", customers, Ct);
            _clock.Advance(ChangedCustomers.Freshness);
        }

        var documents = await DocumentsAsync();
        Assert.Equal(1600, documents.Where(d => d.Id.StartsWith("changes|", StringComparison.Ordinal)).Sum(d => Customers(d).Count));
        Assert.Equal(5 * 1600, documents.Where(d => d.Id.StartsWith("changed|", StringComparison.Ordinal)).Sum(d => Customers(d).Count));
        Assert.Equal(customers.Order(StringComparer.Ordinal), await changes.SinceAsync(Tenant, since: null, Ct));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Since_answers_every_customer_changed_since_and_none_changed_more_than_the_freshness_before(int seed)
    {
        var random = new Random(seed);
        var changes = new ChangedCustomers(_rollups, _clock);
        var truth = new List<(string Customer, DateTimeOffset At)>();
        for (var step = 0; step < 200; step++)
        {
            _clock.Advance(TimeSpan.FromSeconds(random.Next(0, 240))); // crosses midnight on the way
            if (random.Next(20) == 0) changes = new ChangedCustomers(_rollups, _clock); // a restarted process
            var batch = Enumerable.Range(0, random.Next(1, 8)).Select(_ => $"c{random.Next(40)}").Distinct().ToList();
            await changes.RecordAsync(Tenant, random.Next(2).ToString(System.Globalization.CultureInfo.InvariantCulture), batch, Ct);
            truth.AddRange(batch.Select(c => (c, _clock.GetUtcNow())));
        }

        Assert.Equal(truth.Select(t => t.Customer).Distinct().Order(StringComparer.Ordinal), await changes.SinceAsync(Tenant, since: null, Ct));
        var start = truth[0].At;
        var span = (truth[^1].At - start).Ticks;
        for (var probe = 0; probe < 30; probe++)
        {
            var since = start + TimeSpan.FromTicks((long)(random.NextDouble() * span));
            var answered = (await changes.SinceAsync(Tenant, since, Ct)).ToHashSet();
            var changedSince = truth.Where(t => t.At >= since).Select(t => t.Customer).ToHashSet();
            var changedWithinFreshness = truth.Where(t => t.At >= since - ChangedCustomers.Freshness).Select(t => t.Customer).ToHashSet();
            Assert.True(changedSince.IsSubsetOf(answered), $"since {since:O}: missed {string.Join(", ", changedSince.Except(answered))}");
            Assert.True(answered.IsSubsetOf(changedWithinFreshness), $"since {since:O}: answered {string.Join(", ", answered.Except(changedWithinFreshness))}, unchanged since {since - ChangedCustomers.Freshness:O}");
        }
    }
}
