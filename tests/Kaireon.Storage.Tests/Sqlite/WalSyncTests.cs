using System.Collections.Concurrent;
using Kaireon.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Kaireon.Storage.Tests.Sqlite;

/// <summary>
/// The writer commits without syncing and a loop beside it syncs the log: a write completes only
/// once a sync that began after its commit is done, writes complete in commit order, one sync serves
/// every group committed while the one before ran, and a failed sync fails the writes it covered.
/// </summary>
public sealed class WalSyncTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kaireon-sync-").FullName;
    private readonly ConcurrentQueue<string> _synced = new();
    private readonly SemaphoreSlim _allowed = new(0);
    private volatile bool _hold;
    private volatile Exception? _fail;
    private SqliteDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_folder, "s.db");

    public async ValueTask InitializeAsync()
    {
        // Syncs are recorded; while _hold is set each waits for one _allowed.Release(); _fail makes the next one throw.
        _database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = DatabasePath }), null, path =>
        {
            if (_hold) _allowed.Wait(Ct);
            _synced.Enqueue(path);
            if (Interlocked.Exchange(ref _fail, null) is { } failure) throw failure;
        });
        await _database.WriteAsync(async (c, t) => await new SqliteCommand("CREATE TABLE t (id INTEGER PRIMARY KEY)", c, t).ExecuteNonQueryAsync(Ct), Ct);
    }

    public ValueTask DisposeAsync()
    {
        _hold = false;
        _allowed.Release(1000);
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>One insert, alone in its group (its weight fills one).</summary>
    private Task<int> InsertAsync(int id) =>
        _database.WriteAsync(async (c, t) =>
        {
            await using var insert = new SqliteCommand($"INSERT INTO t (id) VALUES ({id})", c, t);
            await insert.ExecuteNonQueryAsync(Ct);
            return id;
        }, Ct, weight: SqliteDatabase.MaxGroup);

    private async Task<List<long>> IdsAsync()
    {
        await using var connection = await _database.OpenAsync(Ct);
        await using var select = new SqliteCommand("SELECT id FROM t ORDER BY id", connection);
        await using var reader = await select.ExecuteReaderAsync(Ct);
        var ids = new List<long>();
        while (await reader.ReadAsync(Ct)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++) await Task.Delay(25, Ct);
        Assert.True(await condition());
    }

    [Fact]
    public async Task A_write_completes_only_once_the_log_is_synced_after_its_commit()
    {
        _hold = true;
        var write = InsertAsync(1);

        // Committed (other connections see it) but not on the disk: the write waits.
        await EventuallyAsync(async () => (await IdsAsync()).Count == 1);
        Assert.False(write.IsCompleted);

        _allowed.Release();
        Assert.Equal(1, await write.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(DatabasePath + "-wal", _synced.Last());
    }

    [Fact]
    public async Task The_writer_commits_the_next_groups_while_a_sync_runs_and_one_sync_serves_them_all_in_commit_order()
    {
        _hold = true;
        var first = InsertAsync(1);
        await EventuallyAsync(async () => (await IdsAsync()).Count == 1);
        var syncsBefore = _synced.Count;

        // The first group's sync is held; four more groups commit meanwhile, one after another. The last
        // one's callback runs after the three before it were handed to the sync.
        var handedOver = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var next = new[] { InsertAsync(2), InsertAsync(3), InsertAsync(4) };
        var last = _database.WriteAsync(async (c, t) =>
        {
            await using var insert = new SqliteCommand("INSERT INTO t (id) VALUES (5)", c, t);
            return await insert.ExecuteNonQueryAsync(Ct);
        }, Ct, weight: SqliteDatabase.MaxGroup, committed: _ => handedOver.SetResult());
        await handedOver.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(5, (await IdsAsync()).Count);
        Task[] all = [first, .. next, last];
        Assert.DoesNotContain(all, w => w.IsCompleted);

        // Each write's task is complete by the time any later one's is seen complete.
        var earlierDone = all.Select((w, i) => w.ContinueWith(_ => all.Take(i).All(e => e.IsCompleted), Ct)).ToList();
        _hold = false;
        _allowed.Release();
        await Task.WhenAll(all).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.All(await Task.WhenAll(earlierDone), Assert.True);
        // The held sync, then one for the groups behind it (the last may have come a moment late, for a third): not one each.
        Assert.InRange(_synced.Count - syncsBefore, 2, 3);
    }

    [Fact]
    public async Task A_failed_sync_fails_the_writes_it_covered_and_the_writer_goes_on()
    {
        _fail = new IOException("the disk is gone");

        var failed = await Assert.ThrowsAsync<IOException>(() => InsertAsync(1));
        Assert.Equal("the disk is gone", failed.Message);

        Assert.Equal(2, await InsertAsync(2));
        Assert.Equal([1L, 2L], await IdsAsync()); // the failed one was committed: the client's retry finds it (a duplicate)
    }

    [Fact]
    public async Task Disposing_the_database_syncs_and_completes_what_was_committed()
    {
        var writes = Enumerable.Range(1, 20).Select(i => InsertAsync(i)).ToList();

        _database.Dispose();

        Assert.Equal(Enumerable.Range(1, 20), await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(30), Ct));
        Assert.NotEmpty(_synced);
    }

    [Fact]
    public async Task The_writer_commits_in_wal_mode_without_syncing_itself()
    {
        var (mode, synchronous) = await _database.WriteAsync(async (c, t) =>
        {
            await using var journal = new SqliteCommand("PRAGMA journal_mode", c, t);
            await using var sync = new SqliteCommand("PRAGMA synchronous", c, t);
            return ((string)(await journal.ExecuteScalarAsync(Ct))!, (long)(await sync.ExecuteScalarAsync(Ct))!);
        }, Ct);

        Assert.Equal("wal", mode);
        Assert.Equal(1, synchronous); // NORMAL: no sync in a WAL commit; WalSync syncs instead
    }

    [Fact]
    public void The_real_sync_syncs_an_existing_file_and_takes_a_missing_one_as_already_copied()
    {
        var path = Path.Combine(_folder, "f-wal");
        File.WriteAllBytes(path, [1, 2, 3]);

        WalSync.SyncFile(path);
        WalSync.SyncFile(Path.Combine(_folder, "missing-wal"));

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }
}
