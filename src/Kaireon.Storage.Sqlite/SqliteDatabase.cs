using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// The SQLite file behind every port: WAL mode, one writer at a time (SQLite serializes writers
/// anyway; queueing them here avoids SQLITE_BUSY), and pooled reader connections.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);

    public SqliteDatabase(IOptions<SqliteOptions> options)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> as the only writer, inside one transaction that commits when it returns.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            await using var connection = await OpenAsync(ct);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(ct);
            return result;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>A new etag for a written row: quoted like an HTTP entity tag, as the ports promise.</summary>
    internal static string NewEtag() => $"\"{Guid.NewGuid():N}\"";

    /// <summary>A command with its parameters bound, on a reader connection or inside a write.</summary>
    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object Value)[] parameters)
    {
        var command = new SqliteCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    public void Dispose() => _writer.Dispose();
}
