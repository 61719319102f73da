using System.Collections.Concurrent;
using Kaireon.Core.Audit;
using Kaireon.Core.Catalog;
using Kaireon.Core.Interactions;
using Kaireon.Core.Metrics;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Functions.Interactions;
using Kaireon.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Functions.Tests.Interactions;

/// <summary>
/// The standalone consumer on a real SQLite file: a consumer that has caught up lingers (in real
/// time: the fake clock is the domain's) before it reads again, so events published one by one are
/// applied together.
/// </summary>
public sealed class LocalStreamConsumerTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = TenantId.Parse("linger");
    private readonly string _folder = Directory.CreateTempSubdirectory("kaireon-consumer-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero));
    private SqliteDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = Path.Combine(_folder, "kaireon.db") }));
        await new SqliteStoreHealth(_database).InitializeAsync(Ct);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Events_published_one_by_one_while_the_consumer_lingers_are_applied_in_one_batch()
    {
        // A linger far longer than three publishes take, so the batch after the first waits for all of them.
        var options = Options.Create(new LocalStreamOptions { Partitions = 1, LingerMilliseconds = 3000 });
        using var outbox = new SqliteOutbox(_database, options);
        var log = new Batches();
        using var consumer = new LocalStreamConsumer(outbox, Processor(), options, _clock, log);
        await consumer.StartAsync(Ct);

        // The first event is applied as soon as the consumer reads it; then the consumer has caught up and lingers.
        await outbox.PublishAsync(Tenant, [Event("e0")], Ct);
        await UntilAsync(() => Task.FromResult(log.Sizes.Count == 1));
        foreach (var id in new[] { "e1", "e2", "e3" })
            await outbox.PublishAsync(Tenant, [Event(id)], Ct);
        await UntilAsync(async () => (await outbox.ReadAsync(0, 1, Ct)).Entries.Count == 0);
        await consumer.StopAsync(Ct);

        Assert.Equal([1, 3], log.Sizes);
    }

    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the consumer did not get there within 20 s");
            await Task.Delay(20, Ct);
        }
    }

    private StreamBatchProcessor Processor()
    {
        var customers = new SqliteCustomerStore(_database);
        var rollups = new SqliteRollupStore(_database);
        var catalog = new CatalogService(new SqliteCatalogStore(_database), new AuditLog(new SqliteTraceStore(_database, _clock), _clock), _clock);
        return new StreamBatchProcessor(customers, rollups, new TransientStoreRetry(_clock), new TenantMetrics(catalog, _clock),
            new CustomerMetrics(customers, _clock), new ChangedCustomers(rollups, _clock));
    }

    private Interaction Event(string id) => new()
    {
        EventId = id,
        CustomerId = "c1",
        Type = "impression",
        Timestamp = _clock.GetUtcNow(),
        Outcome = OutcomeCategory.Impression,
        Direction = Direction.Outbound,
        OfferId = "gold-card",
    };

    /// <summary>The consumer's log: the size of every batch it applied.</summary>
    private sealed class Batches : ILogger<LocalStreamConsumer>
    {
        private readonly ConcurrentQueue<int> _sizes = new();

        public List<int> Sizes => [.. _sizes];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> fields && fields.FirstOrDefault(f => f.Key == "Events").Value is int events)
                _sizes.Enqueue(events);
        }
    }
}
