using System.Text.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Storage.Tests.Sqlite;

/// <summary>SQLite has no TTL of its own: expired records are hidden on read and deleted by a purge.</summary>
public sealed class SqliteTraceExpiryTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kaireon-ttl-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 16, 12, 0, 0, TimeSpan.Zero));
    private readonly TenantId _tenant = TenantId.Parse("acme");
    private SqliteDatabase _database = null!;
    private SqliteTraceStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = Path.Combine(_folder, "t.db") }));
        await new SqliteStoreHealth(_database).InitializeAsync(Ct);
        _store = new SqliteTraceStore(_database, _clock);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private TraceRecord Record(string id, int? ttl) => new()
    {
        Tenant = _tenant,
        Kind = "decision_trace",
        Id = id,
        At = _clock.GetUtcNow().AddDays(-100),
        Body = JsonSerializer.SerializeToElement(new { id }),
        TimeToLiveSeconds = ttl,
    };

    [Fact]
    public async Task A_record_expires_its_ttl_after_it_was_written_not_after_its_own_time()
    {
        await _store.AppendAsync(Record("t1", ttl: 60), Ct);

        Assert.NotNull(await _store.FindAsync(_tenant, "decision_trace", "t1", Ct));
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Null(await _store.FindAsync(_tenant, "decision_trace", "t1", Ct));
    }

    [Fact]
    public async Task Purge_deletes_exactly_the_expired_records()
    {
        await _store.AppendAsync(Record("short", ttl: 60), Ct);
        await _store.AppendAsync(Record("long", ttl: 3600), Ct);
        await _store.AppendAsync(Record("forever", ttl: null), Ct);
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, await _store.PurgeExpiredAsync(Ct));
        Assert.Equal(0, await _store.PurgeExpiredAsync(Ct));
        var left = await _store.ListAsync(_tenant, "decision_trace", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, Ct);
        Assert.Equal(["forever", "long"], left.Select(r => r.Id).Order());
    }
}
