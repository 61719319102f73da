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
