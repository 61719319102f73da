using Kaireon.Storage.Sqlite;
using Kaireon.Storage.Tests.Contract;
using Microsoft.Extensions.Options;

namespace Kaireon.Storage.Tests.Sqlite;

/// <summary>A fresh SQLite file per test class instance, deleted afterwards.</summary>
public sealed class SqliteStores : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kaireon-sqlite-").FullName;
    private SqliteDatabase? _database;

    public StoreSet Stores { get; private set; } = null!;

    /// <summary>The file's database, its schema created.</summary>
    public SqliteDatabase Database => _database ?? throw new InvalidOperationException("Not initialized yet.");

    public async ValueTask InitializeAsync()
    {
        _database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = Path.Combine(_folder, "kaireon.db") }));
        var health = new SqliteStoreHealth(_database);
        await health.InitializeAsync(TestContext.Current.CancellationToken);
        Stores = new StoreSet(new SqliteCatalogStore(_database), new SqliteTraceStore(_database, TimeProvider.System), health,
            new SqliteCustomerStore(_database), new SqliteRollupStore(_database));
    }

    public ValueTask DisposeAsync()
    {
        _database?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
