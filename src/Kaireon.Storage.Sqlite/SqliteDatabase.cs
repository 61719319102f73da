using System.Diagnostics;
using System.Threading.Channels;
using Kaireon.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// The SQLite file behind every port: WAL mode, pooled reader connections, and one writer that
/// group-commits: writes queued while a commit is under way share the next transaction, each in
/// its own savepoint, so a failing write rolls back alone and the disk is synced once per group
/// instead of once per write (the cost that bounds a single-file store's write rate).
/// </summary>
/// <remarks>
/// Requests' writes go first. The stream consumer queues hundreds of document writes at once
/// (<see cref="BackgroundWork"/>); a Respond queued behind them would wait for all of them. So a
/// group takes waiting request writes before background ones, looks for newly queued requests
/// between writes, and once it holds a request it takes at most <see cref="BackgroundShare"/> more
/// documents of background writes before it commits: a request waits for about one background write
/// and one commit, and background work still advances under a steady stream of requests. A write
/// says how many documents it writes (its weight: a chunk of a batch writes several), and a group
/// holds at most <see cref="MaxGroup"/> of them, which bounds the commit a request may find under way.
/// <para>
/// A group's writes complete once its commit is on the disk, but the writer does not wait for the
/// disk: it commits without syncing and goes on while <see cref="WalSync"/> syncs the log beside it.
/// </para>
/// <para>
/// Batches of reads can run on the writer's connection too, between its transactions
/// (<see cref="ReadOnWriterAsync"/>): its page cache outlives commits, where a reader's does not.
/// </para>
/// <para>
/// The writer keeps its own connection, with a page cache of its own and its savepoints' journal in
/// memory (by default SQLite spills a savepoint's copies of the pages it changes to a temporary file
/// past 64 KB, which a chunk of day documents always did: 7 KB of file writes per event in the
/// drain). The WAL is copied into the database file beside the writer (<see cref="WalCheckpoints"/>),
/// not inside its commits.
/// </para>
/// </remarks>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>
    /// Documents (write weights) that share one transaction at the most; a heavier write commits alone.
    /// Large, because a commit rewrites the tree's upper pages and syncs once: a stream batch of 500
    /// new day documents in one commit cost 142 µs of CPU per event, split into four 235 µs
    /// (<c>pipeline</c>, <c>docs/benchmarks.md</c> session 6). A request's group stays small (<see cref="BackgroundShare"/>).
    /// </summary>
    public const int MaxGroup = 1024;

    /// <summary>Documents of background writes a group still takes once it holds a request's write.</summary>
    public const int BackgroundShare = 16;

    private readonly string _connectionString;
    private readonly Channel<PendingWork> _queue = Channel.CreateUnbounded<PendingWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<PendingWork> _requests = new();
    private readonly Queue<PendingWork> _background = new();
    private readonly Queue<PendingWork> _reads = new();
    // The write or read the loop is running, as its own code and what it awaits see it: work that
    // waited for the writer from in there would wait for itself (QueueOrRefuse).
    private readonly AsyncLocal<PendingWork?> _running = new();
    private readonly Lazy<Task> _writer;
    private readonly WalCheckpoints _checkpoints;
    private readonly WalSync _sync;
    private readonly int _writerCacheKib;
    private SqliteConnection? _writerConnection;
    private readonly Dictionary<string, RawStatement> _writerStatements = new(StringComparer.Ordinal);

    public SqliteDatabase(IOptions<SqliteOptions> options, ILogger<SqliteDatabase>? logger = null) : this(options, logger, syncFile: null)
    {
    }

    /// <param name="syncFile">Syncs a file to the disk (<see cref="WalSync"/>): tests watch or hold it.</param>
    internal SqliteDatabase(IOptions<SqliteOptions> options, ILogger<SqliteDatabase>? logger, Action<string>? syncFile)
    {
        _checkpoints = new WalCheckpoints(OpenAsync, options.Value.CheckpointPages, (ILogger?)logger ?? NullLogger.Instance);
        _writerCacheKib = options.Value.WriterCacheMegabytes * 1024;
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _sync = new WalSync(path, syncFile, (ILogger?)logger ?? NullLogger.Instance);
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
    /// <param name="weight">
    /// How many documents the work rewrites in place (each a page anywhere in the file), which bounds how many writes
    /// share its transaction; rows appended together (the outbox) fill pages in order and count as one.
    /// </param>
    /// <param name="committed">
    /// Runs on the writer once the transaction is committed, before any later transaction commits: what
    /// it records follows commit order. It may run before the commit is synced to the disk (the returned
    /// task waits for that), so whatever it hands on must only lead to later writes. It must be quick;
    /// what it throws is ignored (the write is committed all the same, and the writer goes on).
    /// </param>
    /// <exception cref="InvalidOperationException">Asked for from inside work the writer is running (<see cref="QueueOrRefuse"/>).</exception>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct, int weight = 1, Action<T>? committed = null) =>
        QueueOrRefuse(new PendingWork<T>(work, BackgroundWork.IsCurrent, Math.Max(1, weight), committed, ct));

    /// <summary>
    /// Runs <paramref name="read"/> on the writer's connection, between two of its transactions, in a
    /// read transaction of its own: it sees every committed write (some maybe not yet synced, as any
    /// reader does) and none of a group still being written.
    /// </summary>
    /// <remarks>
    /// For batches of point reads of documents the writer is about to rewrite or has just written. A
    /// reader connection drops its whole page cache whenever another connection has committed since
    /// its last read, which under a steady stream of writes is at every read: each document's lookup
    /// fetched the upper pages of both trees from the file again (system calls and page copies, a
    /// sixth of the server's CPU while ingesting). No other connection writes the file, so the writer's
    /// cache stays valid from one transaction to the next, and a page a read brings in is the one the
    /// write that follows it changes. The cost is the wait for the group under way, so a single
    /// request's read stays on a reader.
    /// </remarks>
    internal Task<T> ReadOnWriterAsync<T>(Func<SqliteConnection, T> read, CancellationToken ct) =>
        QueueOrRefuse(new PendingWork<T>((connection, _) => Task.FromResult(read(connection)), isBackground: false, weight: 1, committed: null, ct, isRead: true));

    /// <summary>
    /// Hands <paramref name="pending"/> to the loop, unless it comes from inside work the loop is running:
    /// the loop takes nothing new until that work returns, so the work would wait for ever and every
    /// write after it with it. Refused at once instead, naming the mistake.
    /// </summary>
    private Task<T> QueueOrRefuse<T>(PendingWork<T> pending)
    {
        if (_running.Value is { Running: true })
        {
            throw new InvalidOperationException(
                "A write or a read on the writer was asked for from inside work the writer is running; it would wait for that work, which waits for it. Use the connection the work was handed.");
        }
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        _ = _writer.Value;
        return pending.Task;
    }

    private async Task WriteLoopAsync()
    {
        // The queues belong to this loop alone; the channel is how other threads reach it.
        while (_reads.Count + _requests.Count + _background.Count > 0 || await _queue.Reader.WaitToReadAsync())
        {
            var started = Stopwatch.GetTimestamp();
            TakeQueued();
            if (_reads.Count > 0) await RunReadsAsync();
            if (WritesWaiting()) await CommitGroupAsync();
            WriterMetrics.Busy.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        CloseWriterConnection();
        await _sync.StopAsync();
    }

    /// <summary>
    /// <paramref name="sql"/> prepared on the writer's connection at its first use and kept while that
    /// connection lives: for the statements a write runs once per row, so no run of them prepares SQL again.
    /// Only for the connection a write was handed; a statement is reset after each run.
    /// </summary>
    internal RawStatement Prepared(SqliteConnection connection, string sql)
    {
        if (connection != _writerConnection) throw new InvalidOperationException("Prepared statements belong to the writer's connection, inside a write.");
        if (!_writerStatements.TryGetValue(sql, out var statement)) _writerStatements[sql] = statement = new RawStatement(connection, sql);
        return statement;
    }

    /// <summary>After a failed write or read: a statement it left part-way would hold the transaction open.</summary>
    private void ResetStatements()
    {
        foreach (var statement in _writerStatements.Values) statement.Reset();
    }

    private void CloseWriterConnection()
    {
        foreach (var statement in _writerStatements.Values) statement.Dispose();
        _writerStatements.Clear();
        _writerConnection?.Dispose();
        _writerConnection = null;
    }

    /// <summary>The writer's connection, kept open; replaced after a failed transaction, which may have left it unusable.</summary>
    private async Task<SqliteConnection> WriterConnectionAsync()
    {
        if (_writerConnection is not null) return _writerConnection;
        var connection = await OpenAsync(CancellationToken.None);
        // NORMAL leaves the log's syncs to WalSync, which is only sound in WAL mode: the mode comes first.
        await using (var pragma = new SqliteCommand($"{SqliteSchema.Pragmas} {WalCheckpoints.WriterPragma} PRAGMA cache_size = -{_writerCacheKib}; PRAGMA temp_store = MEMORY; PRAGMA synchronous = NORMAL;", connection)) await pragma.ExecuteNonQueryAsync();
        return _writerConnection = connection;
    }

    /// <summary>The next write of the group being built (of <paramref name="weight"/> so far), or null when the group is complete.</summary>
    private PendingWork? Next(int weight, int backgroundAfterRequest, bool holdsRequest)
    {
        TakeQueued();
        bool Fits(PendingWork w) => weight == 0 || weight + w.Weight <= MaxGroup;
        if (_requests.TryPeek(out var request) && Fits(request)) return _requests.Dequeue();
        if (!_requests.TryPeek(out _) && _background.TryPeek(out var background) && Fits(background)
            && (!holdsRequest || backgroundAfterRequest + background.Weight <= BackgroundShare))
            return _background.Dequeue();
        return null;
    }

    /// <summary>Moves what other threads queued into the loop's own queues.</summary>
    private void TakeQueued()
    {
        while (_queue.Reader.TryRead(out var queued)) (queued.IsRead ? _reads : queued.IsBackground ? _background : _requests).Enqueue(queued);
    }

    private bool WritesWaiting()
    {
        TakeQueued();
        return _requests.Count + _background.Count > 0;
    }

    /// <summary>The queued reads (<see cref="ReadOnWriterAsync"/>), in one read transaction on the writer's connection.</summary>
    private async Task RunReadsAsync()
    {
        var reads = new List<PendingWork>(_reads);
        _reads.Clear();
        try
        {
            var connection = await WriterConnectionAsync();
            Prepared(connection, "BEGIN").Execute();
            try
            {
                foreach (var read in reads)
                {
                    if (read.Cancelled)
                    {
                        read.Cancel();
                        continue;
                    }
                    try
                    {
                        await RunAsync(read, connection, null);
                    }
                    catch (Exception e)
                    {
                        ResetStatements();
                        read.Fail(e);
                    }
                }
            }
            finally
            {
                Prepared(connection, "COMMIT").Execute();
            }
        }
        catch (Exception e)
        {
            CloseWriterConnection();
            foreach (var read in reads.Where(r => !r.Finished)) read.Fail(e);
            return;
        }
        foreach (var read in reads.Where(r => !r.Finished)) read.Complete();
    }

    private async Task CommitGroupAsync()
    {
        var group = new List<PendingWork>();
        var done = new List<PendingWork>();
        SqliteConnection connection;
        try
        {
            connection = await WriterConnectionAsync();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            var holdsRequest = false;
            var (weight, backgroundAfterRequest) = (0, 0);
            while (Next(weight, backgroundAfterRequest, holdsRequest) is { } write)
            {
                group.Add(write);
                weight += write.Weight;
                if (!write.IsBackground) holdsRequest = true;
                else if (holdsRequest) backgroundAfterRequest += write.Weight;
                if (write.Cancelled)
                {
                    write.Cancel();
                    continue;
                }
                Prepared(connection, "SAVEPOINT w").Execute();
                try
                {
                    await RunAsync(write, connection, transaction);
                    Prepared(connection, "RELEASE w").Execute();
                    done.Add(write);
                }
                catch (Exception e)
                {
                    ResetStatements();
                    Prepared(connection, "ROLLBACK TO w").Execute();
                    Prepared(connection, "RELEASE w").Execute();
                    write.Fail(e);
                }
            }
            await transaction.CommitAsync();
            WriterMetrics.Groups.Add(1);
            WriterMetrics.Documents.Add(weight);
        }
        catch (Exception e)
        {
            CloseWriterConnection();
            // The transaction itself failed (the disk, the file): nothing of the group was kept. When it
            // failed before taking a write, the waiting writes fail with it instead of retrying in a loop.
            if (group.Count == 0)
            {
                while (Next(0, 0, holdsRequest: false) is { } waiting) group.Add(waiting);
            }
            foreach (var write in group.Where(w => !w.Finished)) write.Fail(e);
            return;
        }
        foreach (var write in done) write.Committed();
        _sync.Committed(failure =>
        {
            foreach (var write in done)
            {
                if (failure is null) write.Complete();
                else write.Fail(failure);
            }
        });
        var copying = Stopwatch.GetTimestamp();
        await _checkpoints.CommittedAsync(connection, WritesWaiting());
        WriterMetrics.Checkpoint.Add(Stopwatch.GetElapsedTime(copying).TotalSeconds);
    }

    private async Task RunAsync(PendingWork work, SqliteConnection connection, SqliteTransaction? transaction)
    {
        _running.Value = work;
        work.Running = true;
        try
        {
            await work.RunAsync(connection, transaction);
        }
        finally
        {
            // What the work started and left running still sees it, and may ask for the writer once it is done.
            work.Running = false;
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _checkpoints.Dispose();
    }

    private abstract class PendingWork
    {
        public abstract bool IsBackground { get; }
        public abstract bool IsRead { get; }
        public abstract int Weight { get; }
        public abstract bool Cancelled { get; }
        public abstract bool Finished { get; }
        /// <summary>True while the loop runs it.</summary>
        public volatile bool Running;
        public abstract Task RunAsync(SqliteConnection connection, SqliteTransaction? transaction);
        /// <summary>Runs the write's callback: the transaction is committed, maybe not yet synced.</summary>
        public abstract void Committed();
        /// <summary>The transaction is on the disk.</summary>
        public abstract void Complete();
        public abstract void Fail(Exception exception);
        public abstract void Cancel();
    }

    private sealed class PendingWork<T>(
        Func<SqliteConnection, SqliteTransaction, Task<T>> work, bool isBackground, int weight, Action<T>? committed, CancellationToken ct, bool isRead = false) : PendingWork
    {
        public override bool IsBackground => isBackground;
        public override bool IsRead => isRead;
        public override int Weight => weight;
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _completion.Task;
        public override bool Cancelled => ct.IsCancellationRequested;
        public override bool Finished => _completion.Task.IsCompleted;

        public override async Task RunAsync(SqliteConnection connection, SqliteTransaction? transaction) => _result = await work(connection, transaction!);
        public override void Committed()
        {
            try
            {
                committed?.Invoke(_result!);
            }
            catch (Exception)
            {
                // Committed is committed: a failing callback must not end the write loop, which would leave every later write waiting.
            }
        }
        public override void Complete() => _completion.TrySetResult(_result!);
        public override void Fail(Exception exception) => _completion.TrySetException(exception);
        public override void Cancel() => _completion.TrySetCanceled(ct);
    }

    /// <summary>A new etag for a written row: quoted like an HTTP entity tag, as the ports promise.</summary>
    /// <remarks>
    /// A random prefix drawn once per process and a counter: 32 hex digits unique as a GUID's, without
    /// the system call <see cref="Guid.NewGuid"/> makes for each one on Linux (a read of
    /// <c>/dev/urandom</c>, a fifth of the writer thread's managed time in the stream's profile).
    /// </remarks>
    internal static string NewEtag() => $"\"{EtagPrefix}{Interlocked.Increment(ref _etags):x16}\"";

    private static readonly string EtagPrefix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
    private static long _etags;

    /// <summary>A command with its parameters bound, on a reader connection or inside a write.</summary>
    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object Value)[] parameters)
    {
        var command = new SqliteCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

}
