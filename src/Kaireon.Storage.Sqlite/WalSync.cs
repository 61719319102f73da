using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// Makes the writer's commits durable beside it: the writer commits with <c>synchronous = NORMAL</c>
/// (SQLite appends the transaction to the log without syncing it) and hands the group's completion
/// here; one loop syncs the log for every group committed so far, then completes them in commit order.
/// So the writer builds and commits the next group while the disk syncs the last, instead of waiting
/// for each sync, and one sync serves every group committed meanwhile.
/// </summary>
/// <remarks>
/// Inside the commit, the sync was half of a busy writer's time (<c>docs/benchmarks.md</c>, session
/// 10). Nothing is acknowledged earlier than before: a write's task completes only after a sync that
/// began after its commit. What other connections may now see a moment before that sync is a
/// committed transaction the disk does not hold yet; a power loss (not a crash of this process, whose
/// writes the OS holds) in that moment takes it back, with every later one, as SQLite's WAL keeps only
/// a prefix of its commits. Work that reads it and writes after it is taken back with it.
/// <para>
/// The log is opened by its path for each sync: a log removed meanwhile was copied into the database
/// file and synced there by the last connection to close (SQLite does that at <c>NORMAL</c>), and a
/// log created after it holds only later commits. Closing that handle is safe: closing a file drops
/// the process's POSIX locks on it, but SQLite locks the database and <c>-shm</c> files, never the log.
/// </para>
/// </remarks>
internal sealed class WalSync
{
    private readonly Channel<Action<Exception?>> _committed = Channel.CreateUnbounded<Action<Exception?>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _log;
    private readonly Action<string> _sync;
    private readonly ILogger _logger;
    private readonly Task _loop;

    /// <param name="database">The database file; its log is beside it (<c>-wal</c>).</param>
    /// <param name="sync">Syncs the file at a path to the disk (tests replace it).</param>
    public WalSync(string database, Action<string>? sync, ILogger logger)
    {
        _log = database + "-wal";
        _sync = sync ?? SyncFile;
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>After a commit: <paramref name="complete"/> runs once the log is synced (with null), or with what the sync threw.</summary>
    public void Committed(Action<Exception?> complete)
    {
        if (!_committed.Writer.TryWrite(complete)) complete(new ObjectDisposedException(nameof(WalSync)));
    }

    /// <summary>Syncs and completes what was handed over so far; nothing may be handed over after.</summary>
    public Task StopAsync()
    {
        _committed.Writer.TryComplete();
        return _loop;
    }

    private async Task LoopAsync()
    {
        var waiting = new List<Action<Exception?>>();
        while (await _committed.Reader.WaitToReadAsync())
        {
            while (_committed.Reader.TryRead(out var complete)) waiting.Add(complete);
            Exception? failure = null;
            try
            {
                _sync(_log);
            }
            catch (Exception e)
            {
                // The transactions are committed, but the disk may not hold them: their writers are told it failed.
                _logger.LogError(e, "Syncing the SQLite log {Log} failed; {Groups} committed groups are reported failed", _log, waiting.Count);
                failure = e;
            }
            foreach (var complete in waiting) complete(failure);
            waiting.Clear();
        }
    }

    internal static void SyncFile(string path)
    {
        try
        {
            // Write access: Windows flushes only a handle that may write (Linux syncs any).
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(handle);
        }
        catch (FileNotFoundException)
        {
            // Copied into the database file, synced and removed: nothing of it is left to sync.
        }
    }
}
