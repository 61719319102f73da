using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Kaireon.Storage.Tests.Sqlite;

/// <summary>
/// The document tables' layout: rowid tables keyed by (pk, id), and a database made by an earlier
/// version (WITHOUT ROWID) is moved to that layout at start with every document as it was.
/// </summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private static readonly string[] DocumentTables = ["customers", "rollups"];
    private readonly string _folder = Directory.CreateTempSubdirectory("kaireon-schema-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_new_database_keeps_documents_in_rowid_tables()
    {
        using var database = Database("new.db");
        await new SqliteStoreHealth(database).InitializeAsync(Ct);

        foreach (var table in DocumentTables)
            Assert.DoesNotContain("WITHOUT ROWID", await TableSqlAsync(database, table), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_database_of_the_earlier_layout_is_moved_with_every_document_and_etag()
    {
        var path = Path.Combine(_folder, "old.db");
        await using (var old = new SqliteConnection($"Data Source={path}"))
        {
            await old.OpenAsync(Ct);
            foreach (var table in DocumentTables)
            {
                await using var create = new SqliteCommand($"""
                    CREATE TABLE {table} (pk TEXT NOT NULL, id TEXT NOT NULL, etag TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (pk, id)) WITHOUT ROWID;
                    INSERT INTO {table} VALUES ('t|c-1', 'day|2026-03-16', '"e1"', '{"{"}"n":1{"}"}'), ('t|c-2', 'profile', '"e2"', '{"{"}"n":2{"}"}');
                    """, old);
                await create.ExecuteNonQueryAsync(Ct);
            }
        }

        using var database = Database("old.db");
        await new SqliteStoreHealth(database).InitializeAsync(Ct);
        await new SqliteStoreHealth(database).InitializeAsync(Ct); // a second start finds the new layout and moves nothing

        var customers = new SqliteCustomerStore(database);
        var rollups = new SqliteRollupStore(database);
        var tenant = TenantId.Parse("t");
        foreach (var store in new IPartitionedStore[] { customers, rollups })
        {
            var day = await store.FindAsync(new DocumentPartition(tenant, "c-1"), "day|2026-03-16", Ct);
            Assert.Equal(("\"e1\"", 1), (day!.Etag, day.Body.GetProperty("n").GetInt32()));
            Assert.Equal("\"e2\"", (await store.FindAsync(new DocumentPartition(tenant, "c-2"), "profile", Ct))!.Etag);
            Assert.Equal(WriteStatus.Conflict, (await store.CreateAsync(day with { }, Ct)).Status); // (pk, id) is still unique
        }
        foreach (var table in DocumentTables)
            Assert.DoesNotContain("WITHOUT ROWID", await TableSqlAsync(database, table), StringComparison.OrdinalIgnoreCase);
    }

    private SqliteDatabase Database(string name) => new(Options.Create(new SqliteOptions { Path = Path.Combine(_folder, name) }));

    private static async Task<string> TableSqlAsync(SqliteDatabase database, string table)
    {
        await using var connection = await database.OpenAsync(Ct);
        await using var command = new SqliteCommand("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $name", connection);
        command.Parameters.AddWithValue("$name", table);
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
