using Kaireon.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Kaireon.Storage.Sqlite;

public sealed class SqliteStoreHealth(SqliteDatabase database) : IStoreHealth
{
    public async Task InitializeAsync(CancellationToken ct)
    {
        await using (var connection = await database.OpenAsync(ct))
        await using (var pragmas = new SqliteCommand(SqliteSchema.Pragmas, connection))
        {
            await pragmas.ExecuteNonQueryAsync(ct);
        }
        await database.WriteAsync(async (connection, transaction) =>
        {
            foreach (var table in SqliteSchema.DocumentTables)
            {
                await using var layout = new SqliteCommand("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $name", connection, transaction);
                layout.Parameters.AddWithValue("$name", table);
                if (await layout.ExecuteScalarAsync(ct) is not string sql || !sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase)) continue;
                await using var migrate = new SqliteCommand(SqliteSchema.MigrateDocuments(table), connection, transaction);
                await migrate.ExecuteNonQueryAsync(ct);
            }
            await using var command = new SqliteCommand(SqliteSchema.Create, connection, transaction);
            return await command.ExecuteNonQueryAsync(ct);
        }, ct);
    }

    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await database.OpenAsync(ct);
            await using var command = new SqliteCommand("SELECT count(*) FROM sqlite_master WHERE name = 'catalog'", connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct)) == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}
