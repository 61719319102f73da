using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// The SQLite file behind every port: WAL mode, pooled reader connections, and one writer that
/// group-commits: writes queued while a commit is under way share the next transaction, each in
/// its own savepoint, so a failing write rolls back alone and the disk is synced once per group
/// instead of once per write (the cost that bounds a single-file store's write rate).
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>Writes that share one transaction at the most.</summary>
    public const int MaxGroup = 128;

    private readonly string _connectionString;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _writer;

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
        _writer = new Lazy<Task>(() => Task.Run(WriteLoopAsync));
    }

    public string FilePath => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> as the only writer, in a transaction; the returned task completes
    /// once that transaction is committed (durable), or fails with what <paramref name="work"/> threw,
    /// in which case none of its changes are kept.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct)
    {
        var pending = new PendingWrite<T>(work, ct);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        _ = _writer.Value;
        return pending.Task;
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<PendingWrite>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var next)) group.Add(next);
            await CommitGroupAsync(group);
        }
    }

    private async Task CommitGroupAsync(List<PendingWrite> group)
    {
        var done = new List<PendingWrite>(group.Count);
        try
        {
            await using var connection = await OpenAsync(CancellationToken.None);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            foreach (var write in group)
            {
                if (write.Cancelled)
                {
                    write.Cancel();
                    continue;
                }
                await transaction.SaveAsync("w");
                try
                {
                    await write.RunAsync(connection, transaction);
                    await transaction.ReleaseAsync("w");
                    done.Add(write);
                }
                catch (Exception e)
                {
                    await transaction.RollbackAsync("w");
                    await transaction.ReleaseAsync("w");
                    write.Fail(e);
                }
            }
            await transaction.CommitAsync();
        }
        catch (Exception e)
        {
            // The transaction itself failed (the disk, the file): nothing of the group was kept.
            foreach (var write in group.Where(w => !w.Finished)) write.Fail(e);
            return;
        }
        foreach (var write in done) write.Complete();
    }

    public void Dispose() => _queue.Writer.TryComplete();

    private abstract class PendingWrite
    {
        public abstract bool Cancelled { get; }
        public abstract bool Finished { get; }
        public abstract Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);
        public abstract void Complete();
        public abstract void Fail(Exception exception);
        public abstract void Cancel();
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;
        public override bool Cancelled => ct.IsCancellationRequested;
        public override bool Finished => _completion.Task.IsCompleted;

        public override async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction) => _result = await work(connection, transaction);
        public override void Complete() => _completion.TrySetResult(_result!);
        public override void Fail(Exception exception) => _completion.TrySetException(exception);
        public override void Cancel() => _completion.TrySetCanceled(ct);
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

}
