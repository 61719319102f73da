using Kaireon.Core.Metrics;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Core.Tests.Metrics;

/// <summary>
/// The record of changed customers on a real SQLite file: a batch writes only its customers' shards,
/// a repeat within the freshness window writes nothing, and <c>SinceAsync</c> never misses a change.
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
        _rollups.RangeAsync(new DocumentPartition(Tenant, ChangedCustomers.PartitionKey), "changes|", "changes|~", Ct);

    [Fact]
    public async Task A_batch_writes_only_its_customers_shards_and_a_repeat_within_the_freshness_writes_nothing()
    {
        var changes = new ChangedCustomers(_rollups, _clock);
        string[] batch = ["c1", "c2", "c3"];
        await changes.RecordAsync(Tenant, "0", batch, Ct);
        var first = (await DocumentsAsync()).ToDictionary(d => d.Id, d => d.Etag);
        Assert.Equal(batch.Select(ChangedCustomers.ShardOf).Distinct().Select(s => $"changes|2026-03-16|p0|s{s:D2}").Order(), first.Keys.Order());

        _clock.Advance(ChangedCustomers.Freshness - TimeSpan.FromSeconds(1));
        await changes.RecordAsync(Tenant, "0", batch, Ct);
        Assert.Equal(first, (await DocumentsAsync()).ToDictionary(d => d.Id, d => d.Etag));

        _clock.Advance(TimeSpan.FromSeconds(1));
        await changes.RecordAsync(Tenant, "0", ["c1"], Ct);
        var changed = (await DocumentsAsync()).Where(d => first[d.Id] != d.Etag).Select(d => d.Id);
        Assert.Equal([$"changes|2026-03-16|p0|s{ChangedCustomers.ShardOf("c1"):D2}"], changed);
    }

    [Fact]
    public async Task A_day_of_many_customers_spreads_over_the_shards()
    {
        var changes = new ChangedCustomers(_rollups, _clock);
        var customers = Enumerable.Range(0, 1600).Select(i => $"customer-{i}").ToList();
        await changes.RecordAsync(Tenant, "0", customers, Ct);

        var sizes = (await DocumentsAsync()).Select(d => System.Text.Json.JsonSerializer.Deserialize(d.Body, Core.Json.KaireonJson.Default.CustomerChanges)!.Customers.Count).ToList();
        Assert.Equal(ChangedCustomers.Shards, sizes.Count);
        Assert.Equal(1600, sizes.Sum());
        Assert.True(sizes.Max() < 1600 / 8, $"the largest shard holds {sizes.Max()} of 1,600");
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
