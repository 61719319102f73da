using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Kaireon.Core.Storage;
using Kaireon.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Kaireon.Storage.Tests.Sqlite;

/// <summary>
/// The group-committing writer: concurrent writes share transactions, each succeeds or fails alone,
/// and a request's write goes before background writes queued ahead of it.
/// </summary>
public sealed class SqliteDatabaseTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kaireon-db-").FullName;
    private SqliteDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = Path.Combine(_folder, "d.db") }));
        await _database.WriteAsync(async (c, t) => await new SqliteCommand("CREATE TABLE t (id INTEGER PRIMARY KEY)", c, t).ExecuteNonQueryAsync(Ct), Ct);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private Task<int> InsertAsync(int id, bool thenFail = false, CancellationToken? ct = null) =>
        _database.WriteAsync(async (c, t) =>
        {
            await using var insert = new SqliteCommand($"INSERT INTO t (id) VALUES ({id})", c, t);
            await insert.ExecuteNonQueryAsync(Ct);
            if (thenFail) throw new InvalidOperationException($"write {id} fails after inserting");
            return id;
        }, ct ?? Ct);

    private async Task<List<long>> IdsAsync()
    {
        await using var connection = await _database.OpenAsync(Ct);
        await using var select = new SqliteCommand("SELECT id FROM t ORDER BY id", connection);
        await using var reader = await select.ExecuteReaderAsync(Ct);
        var ids = new List<long>();
        while (await reader.ReadAsync(Ct)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    [Fact]
    public async Task Concurrent_writes_all_commit_and_a_failing_one_leaves_nothing_behind()
    {
        var writes = Enumerable.Range(1, 300).Select(i => InsertAsync(i, thenFail: i % 50 == 0)).ToList();

        var outcomes = await Task.WhenAll(writes.Select(async w => { try { return await w; } catch (InvalidOperationException) { return -1; } }));

        Assert.Equal(6, outcomes.Count(o => o == -1));
        Assert.Equal(Enumerable.Range(1, 300).Where(i => i % 50 != 0).Select(i => (long)i), await IdsAsync());
    }

    [Fact]
    public async Task A_requests_write_overtakes_background_writes_queued_before_it_and_they_all_still_commit()
    {
        var order = new ConcurrentQueue<int>();
        var (background, request) = await BurstThenRequestAsync(id => order.Enqueue(id), holdAt: null);

        await request;
        await Task.WhenAll(background);
        Assert.Equal([1, RequestId, 2], order.Take(3));
        Assert.Equal(201, (await IdsAsync()).Count);
    }

    [Fact]
    public async Task A_requests_write_commits_without_waiting_for_more_than_its_share_of_background_writes()
    {
        var beyondShare = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = 2 + SqliteDatabase.BackgroundShare; // b1 and the request, then the share: the next one belongs to a later group
        var (background, request) = await BurstThenRequestAsync(_ => { }, holdAt: (held, beyondShare.Task));

        // Commits while background write number `held` cannot finish: it is not in the request's group.
        await request.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.False(background[held - 1].IsCompleted);
        beyondShare.SetResult();
        await Task.WhenAll(background);
        Assert.Equal(201, (await IdsAsync()).Count);
    }

    [Fact]
    public async Task A_group_holds_at_most_MaxGroup_documents_however_they_are_split_into_writes()
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var groups = new ConcurrentQueue<(SqliteTransaction Transaction, int Weight)>();
        Task<int> Write(int id, int weight) => _database.WriteAsync(async (c, t) =>
        {
            if (id == 1)
            {
                running.SetResult();
                await release.Task;
            }
            groups.Enqueue((t, weight));
            await using var insert = new SqliteCommand($"INSERT INTO t (id) VALUES ({id})", c, t);
            return await insert.ExecuteNonQueryAsync(Ct);
        }, Ct, weight);

        var writes = await Task.Run(async () =>
        {
            BackgroundWork.Enter();
            var first = Write(1, 1);
            await running.Task;
            return new[] { first }.Concat(Enumerable.Range(2, 10).Select(id => Write(id, Heavy))).ToList();
        }, Ct);
        release.SetResult();
        await Task.WhenAll(writes);

        var weights = groups.GroupBy(g => g.Transaction).Select(g => g.Sum(w => w.Weight)).ToList();
        Assert.Equal(1 + 10 * Heavy, weights.Sum());
        Assert.All(weights, w => Assert.InRange(w, 1, SqliteDatabase.MaxGroup));
        Assert.True(weights.Count >= 5, $"{weights.Count} groups"); // two heavy writes fit in a group, a third does not
    }

    private const int Heavy = SqliteDatabase.MaxGroup / 3 + 1;

    private const int RequestId = 1000;

    /// <summary>
    /// The stream consumer's burst: background write 1 holds the writer until 199 more and then a
    /// request's write are queued behind it. <paramref name="holdAt"/> makes one background write wait.
    /// </summary>
    private async Task<(List<Task<int>> Background, Task<int> Request)> BurstThenRequestAsync(Action<int> ran, (int Id, Task Until)? holdAt)
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> Write(int id) => _database.WriteAsync(async (c, t) =>
        {
            if (id == 1)
            {
                running.SetResult();
                await release.Task;
            }
            if (holdAt is { } hold && hold.Id == id) await hold.Until;
            ran(id);
            await using var insert = new SqliteCommand($"INSERT INTO t (id) VALUES ({id})", c, t);
            return await insert.ExecuteNonQueryAsync(Ct);
        }, Ct);

        var background = await Task.Run(async () =>
        {
            BackgroundWork.Enter();
            var first = Write(1);
            await running.Task;
            return new[] { first }.Concat(Enumerable.Range(2, 199).Select(Write)).ToList();
        }, Ct);
        var request = Write(RequestId);
        release.SetResult();
        return (background, request);
    }

    [Fact]
    public async Task A_write_that_breaks_a_constraint_fails_alone()
    {
        await InsertAsync(1);

        var duplicate = InsertAsync(1);
        var fine = InsertAsync(2);

        await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        Assert.Equal(2, await fine);
        Assert.Equal([1L, 2L], await IdsAsync());
    }

    [Fact]
    public async Task A_prepared_statement_that_breaks_a_constraint_fails_its_write_alone_and_serves_the_next()
    {
        Task<int> Insert(long id) => _database.WriteAsync((c, _) => Task.FromResult(_database.Prepared(c, "INSERT INTO t (id) VALUES (?1)").Bind(1, id).Execute()), Ct);
        await Insert(1);

        var duplicate = Insert(1);
        var fine = Insert(2);

        var error = await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT, as the provider's own commands report it
        Assert.Equal(1, await fine);
        Assert.Equal([1L, 2L], await IdsAsync());
    }

    [Fact]
    public async Task A_write_that_fails_part_way_through_reading_leaves_nothing_open_for_the_writes_after_it()
    {
        await InsertAsync(1);
        await InsertAsync(2);

        var partWay = _database.WriteAsync<int>((c, _) =>
        {
            var select = _database.Prepared(c, "SELECT id FROM t ORDER BY id");
            Assert.True(select.Read());
            throw new InvalidOperationException("fails on its first row");
        }, Ct);
        var after = InsertAsync(3);

        await Assert.ThrowsAsync<InvalidOperationException>(() => partWay);
        Assert.Equal(3, await after);
        Assert.Equal([1L, 2L, 3L], await IdsAsync());
        var again = await _database.WriteAsync((c, _) =>
        {
            var select = _database.Prepared(c, "SELECT id FROM t ORDER BY id");
            var ids = new List<long>();
            while (select.Read()) ids.Add(select.GetInt64(0));
            return Task.FromResult(ids);
        }, Ct);
        Assert.Equal([1L, 2L, 3L], again); // the statement starts from its first row again
    }

    [Fact]
    public async Task Committed_callbacks_run_in_commit_order_and_one_that_throws_neither_fails_its_write_nor_stops_the_writer()
    {
        var order = new ConcurrentQueue<int>();
        var writes = Enumerable.Range(1, 50).Select(i => _database.WriteAsync(async (c, t) =>
        {
            await using var insert = new SqliteCommand($"INSERT INTO t (id) VALUES ({i})", c, t);
            await insert.ExecuteNonQueryAsync(Ct);
            return i;
        }, Ct, committed: i =>
        {
            order.Enqueue(i);
            if (i == 10) throw new InvalidOperationException("the callback fails");
        })).ToList();

        Assert.Equal(Enumerable.Range(1, 50), await Task.WhenAll(writes));
        Assert.Equal(Enumerable.Range(1, 50), order); // queued in order, committed in order
        Assert.Equal(51, await InsertAsync(51));
    }

    [Fact]
    public async Task Prepared_statements_are_only_for_the_writers_connection()
    {
        await using var reader = await _database.OpenAsync(Ct);

        Assert.Throws<InvalidOperationException>(() => _database.Prepared(reader, "SELECT 1"));
    }

    [Fact]
    public async Task A_write_cancelled_before_its_turn_does_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => InsertAsync(7, ct: cancelled.Token));

        Assert.Empty(await IdsAsync());
    }

    [Fact]
    public async Task A_read_on_the_writer_waits_for_the_group_under_way_and_sees_what_it_committed()
    {
        var (held, release) = HoldWriter(id: 1);
        await held;

        var read = _database.ReadOnWriterAsync(Ids, Ct);
        Assert.False(read.IsCompleted);
        release();

        Assert.Equal([1L], await read); // a reader would have answered at once, without it
        Assert.Equal(2, await InsertAsync(2)); // the read transaction is over: the writer goes on
    }

    [Fact]
    public async Task A_read_on_the_writer_that_throws_fails_alone()
    {
        await InsertAsync(1);
        var (held, release) = HoldWriter(id: 2);
        await held;

        var failing = _database.ReadOnWriterAsync<int>(c =>
        {
            Assert.True(_database.Prepared(c, "SELECT id FROM t ORDER BY id").Read());
            throw new InvalidOperationException("fails on its first row");
        }, Ct);
        var fine = _database.ReadOnWriterAsync(Ids, Ct);
        release();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal([1L, 2L], await fine); // shares the read transaction, and the statement starts from its first row
        Assert.Equal(3, await InsertAsync(3));
        Assert.Equal([1L, 2L, 3L], await _database.ReadOnWriterAsync(Ids, Ct));
    }

    [Fact]
    public async Task Work_on_the_writer_that_asks_the_writer_for_more_fails_at_once_instead_of_waiting_for_itself()
    {
        // Each would wait for the work that asks for it, and every write after it with it.
        var writeInWrite = _database.WriteAsync(async (c, t) =>
        {
            await new SqliteCommand("INSERT INTO t (id) VALUES (1)", c, t).ExecuteNonQueryAsync(Ct);
            await Task.Yield(); // from a continuation, as awaited work runs
            return await InsertAsync(2);
        }, Ct);
        var readInWrite = _database.WriteAsync(async (c, t) => (await _database.ReadOnWriterAsync(Ids, Ct)).Count, Ct);
        var writeInRead = _database.ReadOnWriterAsync(c => InsertAsync(3), Ct);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => writeInWrite).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Contains("inside work the writer is running", refused.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => readInWrite).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => writeInRead).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Empty(await IdsAsync()); // the refused writes kept nothing, their own insert included

        // Work may start writes it does not wait for: they may ask once it is done.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int>? later = null;
        await _database.WriteAsync(async (c, t) =>
        {
            later = Task.Run(async () => { await done.Task; return await InsertAsync(5); }, Ct);
            await new SqliteCommand("INSERT INTO t (id) VALUES (4)", c, t).ExecuteNonQueryAsync(Ct);
            return 4;
        }, Ct);
        done.SetResult();
        Assert.Equal(5, await later!);
        Assert.Equal([4L, 5L], await IdsAsync());
    }

    [Fact]
    public async Task A_read_on_the_writer_cancelled_before_its_turn_does_nothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var ran = false;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _database.ReadOnWriterAsync(c => ran = true, cancelled.Token));

        Assert.False(ran);
    }

    [Fact]
    public async Task The_writers_page_cache_outlives_its_commits_where_a_readers_does_not()
    {
        // What ReadOnWriterAsync is for: pages read once are still cached after another commit.
        await _database.WriteAsync(async (c, t) =>
        {
            await using var fill = new SqliteCommand("CREATE TABLE big (id INTEGER PRIMARY KEY, body TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO big SELECT i, printf('%.1000c', 'x') FROM n;", c, t);
            return await fill.ExecuteNonQueryAsync(Ct);
        }, Ct);
        const string scan = "SELECT sum(length(body)) FROM big";
        void Scan(SqliteConnection c)
        {
            var select = _database.Prepared(c, scan);
            Assert.True(select.Read());
            select.Reset();
        }

        await _database.ReadOnWriterAsync(c => { Scan(c); return 0; }, Ct);
        await InsertAsync(1);
        var writerMisses = await _database.ReadOnWriterAsync(c => MissesDuring(c, () => Scan(c)), Ct);

        await using var reader = await _database.OpenAsync(Ct);
        await using var select = new SqliteCommand(scan, reader);
        await select.ExecuteScalarAsync(Ct);
        await InsertAsync(2);
        var readerMisses = MissesDuring(reader, () => select.ExecuteScalar());

        Assert.True(writerMisses < 10, $"{writerMisses} pages read again on the writer");
        Assert.True(readerMisses > 250, $"{readerMisses} pages read again on a reader");
    }

    /// <summary>Pages the connection fetched from the file while <paramref name="run"/> ran (SQLITE_DBSTATUS_CACHE_MISS).</summary>
    private static int MissesDuring(SqliteConnection connection, Action run)
    {
        SQLitePCL.raw.sqlite3_db_status(connection.Handle, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_MISS, out _, out _, 1);
        run();
        SQLitePCL.raw.sqlite3_db_status(connection.Handle, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_MISS, out var misses, out _, 0);
        return misses;
    }

    private List<long> Ids(SqliteConnection connection)
    {
        var select = _database.Prepared(connection, "SELECT id FROM t ORDER BY id");
        var ids = new List<long>();
        while (select.Read()) ids.Add(select.GetInt64(0));
        return ids;
    }

    /// <summary>A request's write of <paramref name="id"/> that holds the writer, its row inserted, until released.</summary>
    private (Task Held, Action Release) HoldWriter(int id)
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = _database.WriteAsync(async (c, t) =>
        {
            await using var insert = new SqliteCommand($"INSERT INTO t (id) VALUES ({id})", c, t);
            await insert.ExecuteNonQueryAsync(Ct);
            running.SetResult();
            await release.Task;
            return id;
        }, Ct);
        return (running.Task, release.SetResult);
    }

    [Theory]
    [InlineData(10, 0, 1_500_000)]       // starts over at 320 pages (1.3 MB)
    [InlineData(1_000, 2_000_000, long.MaxValue)] // would start over at 32,000: holds all 1,800+ pages
    public async Task The_wal_starts_over_every_RestartFactor_times_CheckpointPages_so_it_never_grows_past_them(int checkpointPages, long atLeast, long below)
    {
        var path = Path.Combine(_folder, $"wal-{checkpointPages}.db");
        using var database = await WalDatabaseAsync(path, checkpointPages);

        // One commit at a time, each adding three or more pages.
        for (var i = 0; i < 600; i++) await InsertBigAsync(database, i);

        var walBytes = new FileInfo(path + "-wal").Length;
        Assert.InRange(walBytes, atLeast, below - 1);
        Assert.Equal(600, await CountBigAsync(database));
    }

    [Fact]
    public async Task A_writer_with_nothing_waiting_copies_the_wal_into_the_database_file_every_CheckpointPages()
    {
        var path = Path.Combine(_folder, "idle.db");
        using var database = await WalDatabaseAsync(path, checkpointPages: 10);
        var before = new FileInfo(path).Length;

        // 40 commits of 3+ pages, one after another: 120 pages, past 10 many times, far below the restart's 320.
        for (var i = 0; i < 40; i++) await InsertBigAsync(database, i);

        // The copy follows the commit; all but the pages since the last mark (fewer than 10) are copied.
        Assert.True(await GrewAsync(path, before, 30 * 8192), "the database file did not grow");
        Assert.Equal(40, await CountBigAsync(database));
    }

    [Fact]
    public async Task A_writer_with_writes_waiting_leaves_the_copy_to_a_connection_beside_it()
    {
        var path = Path.Combine(_folder, "busy.db");
        using var database = await WalDatabaseAsync(path, checkpointPages: 10);
        var before = new FileInfo(path).Length;

        // 100 writes queued at once, each heavy enough to commit alone: after every commit but the last,
        // writes are waiting, so the writer copies nothing itself below the restart's 320 pages. The 60th
        // (180 pages in) waits, on the writer, for the copy beside it to reach the database file.
        var copiedBeside = false;
        var writes = Enumerable.Range(0, 100).Select(i => database.WriteAsync(async (c, t) =>
        {
            if (i == 60) copiedBeside = await GrewAsync(path, before, 30 * 8192);
            return await InsertBigAsync(c, t, i);
        }, Ct, weight: SqliteDatabase.MaxGroup)).ToList();
        await Task.WhenAll(writes);

        Assert.True(copiedBeside, "the database file did not grow while the writer was busy");
        Assert.Equal(100, await CountBigAsync(database));
    }

    private static async Task<bool> GrewAsync(string path, long before, long by)
    {
        for (var wait = 0; wait < 100; wait++)
        {
            if (new FileInfo(path).Length - before >= by) return true;
            await Task.Delay(50, Ct);
        }
        return false;
    }

    private static async Task<SqliteDatabase> WalDatabaseAsync(string path, int checkpointPages)
    {
        var database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = path, CheckpointPages = checkpointPages }));
        await using (var connection = await database.OpenAsync(Ct))
        await using (var wal = new SqliteCommand("PRAGMA journal_mode = WAL;", connection)) await wal.ExecuteNonQueryAsync(Ct);
        await database.WriteAsync(async (c, t) => await new SqliteCommand("CREATE TABLE big (id INTEGER PRIMARY KEY, body BLOB)", c, t).ExecuteNonQueryAsync(Ct), Ct);
        return database;
    }

    private static Task<int> InsertBigAsync(SqliteDatabase database, int id) =>
        database.WriteAsync((c, t) => InsertBigAsync(c, t, id), Ct);

    /// <summary>A row of three or more pages: an 8 KB body overflows into two.</summary>
    private static async Task<int> InsertBigAsync(SqliteConnection connection, SqliteTransaction transaction, int id)
    {
        await using var insert = new SqliteCommand("INSERT INTO big (id, body) VALUES ($id, zeroblob(8192))", connection, transaction);
        insert.Parameters.AddWithValue("$id", id);
        return await insert.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<long> CountBigAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync(Ct);
        await using var count = new SqliteCommand("SELECT count(*) FROM big", connection);
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task The_writer_reports_its_busy_time_transactions_and_documents_on_the_service_meter()
    {
        var totals = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "kaireon" && instrument.Name.StartsWith("kaireon.sqlite.writer.", StringComparison.Ordinal)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        listener.Start();

        // Other tests' databases may report meanwhile: they only add to what this one must show.
        await Task.WhenAll(Enumerable.Range(1_000, 20).Select(id => _database.WriteAsync(async (c, t) =>
        {
            await using var insert = new SqliteCommand($"INSERT INTO t (id) VALUES ({id})", c, t);
            return await insert.ExecuteNonQueryAsync(Ct);
        }, Ct, weight: 3)));
        // A write completes once synced, which may come before the writer has added up the group's time.
        for (var wait = 0; wait < 100 && !totals.ContainsKey("kaireon.sqlite.writer.busy"); wait++) await Task.Delay(50, Ct);

        Assert.True(totals.GetValueOrDefault("kaireon.sqlite.writer.documents") >= 60, "documents");
        Assert.True(totals.GetValueOrDefault("kaireon.sqlite.writer.groups") >= 1, "transactions");
        Assert.True(totals.GetValueOrDefault("kaireon.sqlite.writer.busy") > 0, "busy time");
        Assert.True(totals.ContainsKey("kaireon.sqlite.writer.checkpoint"), "checkpoint time");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(64)]
    public async Task The_writer_keeps_a_page_cache_of_WriterCacheMegabytes(int megabytes)
    {
        using var database = new SqliteDatabase(Options.Create(new SqliteOptions { Path = Path.Combine(_folder, $"cache-{megabytes}.db"), WriterCacheMegabytes = megabytes }));

        var cacheSize = await database.WriteAsync(async (c, t) =>
        {
            await using var pragma = new SqliteCommand("PRAGMA cache_size", c, t);
            return (long)(await pragma.ExecuteScalarAsync(Ct))!;
        }, Ct);

        Assert.Equal(-megabytes * 1024L, cacheSize); // negative: KiB rather than pages
    }
}
