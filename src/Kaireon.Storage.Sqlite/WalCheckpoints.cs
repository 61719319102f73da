using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Kaireon.Storage.Sqlite;

/// <summary>
/// Copies the WAL into the database file (checkpoints) every <see cref="SqliteOptions.CheckpointPages"/>
/// pages the writer commits: on the writer's connection when no write is waiting (nobody waits for
/// the copy, and the log starts over at the next write), on a connection of its own beside the writer
/// when writes are queued, while the writer goes on appending. SQLite only rewinds a log that is
/// fully copied when a write begins, which a log copied only from beside a busy writer never is, so
/// once the log holds <see cref="RestartFactor"/> times as many pages the writer copies the rest itself.
/// </summary>
/// <remarks>
/// Inside the commit, the copy and its sync were about a third of a busy writer's time (measured:
/// with no checkpoint at all, a drain of the stream committed in 2.9 s instead of 4.6), and every
/// write queued behind the commit waited for it. Beside an idle writer the other way round: the
/// copy's syncs of the database file queued with the writer's syncs of the log on the same disk, and
/// Respond's p99 at 500/s went from 8.5–9.4 ms to 10.5–12.8 ms when every copy ran beside it.
/// The count of pages in the log is the writer's: a log that could not start over (a reader was still
/// on it) grows on, and is copied again at the next mark.
/// </remarks>
internal sealed class WalCheckpoints(Func<CancellationToken, Task<SqliteConnection>> open, int checkpointPages, ILogger logger) : IDisposable
{
    /// <summary>The log, in multiples of the background interval, at which the writer copies the rest itself and the log starts over.</summary>
    public const int RestartFactor = 32;

    private readonly Channel<bool> _due = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly SemaphoreSlim _copying = new(1, 1);
    private Task? _loop;
    private int _sinceCopy;
    private int _inLog;

    /// <summary>Pages in the log after which the writer copies the rest itself.</summary>
    public int RestartPages => checkpointPages * RestartFactor;

    /// <summary>The writer's connection takes no checkpoints of its own accord: this class decides when.</summary>
    public const string WriterPragma = "PRAGMA wal_autocheckpoint = 0;";

    /// <summary>
    /// Called by the writer after each commit, on its connection, with whether any write is waiting:
    /// counts the pages the commit added to the log; every <see cref="SqliteOptions.CheckpointPages"/>
    /// of them it copies the log itself when nothing waits, or starts a copy beside it when something
    /// does; once the log holds <see cref="RestartPages"/> it copies the rest itself.
    /// </summary>
    public async Task CommittedAsync(SqliteConnection writer, bool writesWaiting)
    {
        var pages = PagesWritten(writer);
        _inLog += pages;
        _sinceCopy += pages;
        if (_inLog >= RestartPages)
        {
            // After the background copy under way, if any: a checkpoint started meanwhile would find the
            // lock taken and do nothing, and the log would not start over.
            await CopyAsync(writer, waitForLock: true);
            return;
        }
        if (_sinceCopy < checkpointPages) return;
        _sinceCopy = 0;
        if (!writesWaiting && await CopyAsync(writer, waitForLock: false)) return;
        _loop ??= Task.Run(LoopAsync);
        _due.Writer.TryWrite(true);
    }

    /// <summary>A copy on the writer's connection, after which its next transaction starts the log over; false when a background copy holds the lock and <paramref name="waitForLock"/> is false.</summary>
    private async Task<bool> CopyAsync(SqliteConnection writer, bool waitForLock)
    {
        if (waitForLock) await _copying.WaitAsync();
        else if (!_copying.Wait(0)) return false;
        try
        {
            if (Checkpoint(writer) is { Log: var log, Copied: var copied } && copied == log) _inLog = 0;
        }
        catch (Exception e)
        {
            // The writes are committed either way, and the write loop must outlive a failed copy: it is tried again at the next mark.
            logger.LogWarning(e, "WAL checkpoint on the writer's connection failed");
        }
        finally
        {
            _copying.Release();
        }
        return true;
    }

    /// <summary>Pages the connection wrote to the log since the last call (SQLite's counter, reset each time).</summary>
    private static int PagesWritten(SqliteConnection connection)
    {
        raw.sqlite3_db_status(connection.Handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var pages, out _, 1);
        return pages;
    }

    /// <summary>A passive checkpoint: copies what no reader still needs, never waits for a lock. Frames in the log and frames copied.</summary>
    private static (long Log, long Copied) Checkpoint(SqliteConnection connection)
    {
        using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(PASSIVE);", connection);
        using var reader = checkpoint.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }

    private async Task LoopAsync()
    {
        SqliteConnection? connection = null;
        try
        {
            while (await _due.Reader.WaitToReadAsync())
            {
                _due.Reader.TryRead(out _);
                await _copying.WaitAsync();
                try
                {
                    connection ??= await open(CancellationToken.None);
                    Checkpoint(connection);
                }
                catch (Exception e)
                {
                    // The writer's own copy still bounds the log; the next mark tries again on a new connection.
                    logger.LogWarning(e, "Background WAL checkpoint failed");
                    connection?.Dispose();
                    connection = null;
                }
                finally
                {
                    _copying.Release();
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    public void Dispose() => _due.Writer.TryComplete();
}
