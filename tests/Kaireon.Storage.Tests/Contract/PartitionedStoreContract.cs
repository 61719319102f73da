using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using static Kaireon.Storage.Tests.Contract.Docs;

namespace Kaireon.Storage.Tests.Contract;

/// <summary>What every <see cref="IPartitionedStore"/> adapter does, for the customers and the rollups container alike.</summary>
public abstract class PartitionedStoreContract
{
    protected abstract IPartitionedStore Store { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DocumentPartition NewPartition(string key = "c-1") => new(NewTenant(), key);

    private static PartitionedDocument Doc(DocumentPartition partition, string id, int value) => new()
    {
        Partition = partition,
        Id = id,
        Body = Json(new { id, value }),
    };

    private static int Value(PartitionedDocument? document) => document!.Body.GetProperty("value").GetInt32();

    [Fact]
    public async Task Created_document_reads_back_with_a_quoted_etag()
    {
        var partition = NewPartition();
        var created = await Store.CreateAsync(Doc(partition, "day|2026-03-16", 1), Ct);

        var found = await Store.FindAsync(partition, "day|2026-03-16", Ct);

        Assert.True(created.Ok);
        Assert.Equal(1, Value(found));
        Assert.Equal(created.Document!.Etag, found!.Etag);
        Assert.StartsWith("\"", found.Etag);
        Assert.Null(await Store.FindAsync(partition, "day|2026-03-17", Ct));
    }

    [Fact]
    public async Task Creating_an_existing_id_conflicts_and_keeps_the_first()
    {
        var partition = NewPartition();
        await Store.CreateAsync(Doc(partition, "d", 1), Ct);

        Assert.Equal(WriteStatus.Conflict, (await Store.CreateAsync(Doc(partition, "d", 2), Ct)).Status);
        Assert.Equal(1, Value(await Store.FindAsync(partition, "d", Ct)));
    }

    [Fact]
    public async Task Replace_is_conditioned_on_the_etag()
    {
        var partition = NewPartition();
        var v1 = (await Store.CreateAsync(Doc(partition, "d", 1), Ct)).Document!;
        var v2 = await Store.ReplaceAsync(Doc(partition, "d", 2), v1.Etag, Ct);

        var stale = await Store.ReplaceAsync(Doc(partition, "d", 3), v1.Etag, Ct);
        var missing = await Store.ReplaceAsync(Doc(partition, "nope", 3), null, Ct);

        Assert.True(v2.Ok);
        Assert.NotEqual(v1.Etag, v2.Document!.Etag);
        Assert.Equal(WriteStatus.PreconditionFailed, stale.Status);
        Assert.Equal(WriteStatus.NotFound, missing.Status);
        Assert.Equal(2, Value(await Store.FindAsync(partition, "d", Ct)));
    }

    [Fact]
    public async Task Replace_without_a_condition_or_with_a_wildcard_replaces()
    {
        var partition = NewPartition();
        await Store.CreateAsync(Doc(partition, "d", 1), Ct);

        var unconditioned = await Store.ReplaceAsync(Doc(partition, "d", 2), null, Ct);
        var wildcard = await Store.ReplaceAsync(Doc(partition, "d", 3), "*", Ct);

        Assert.True(unconditioned.Ok);
        Assert.True(wildcard.Ok);
        Assert.Equal(wildcard.Document!.Etag, (await Store.FindAsync(partition, "d", Ct))!.Etag);
        Assert.Equal(3, Value(await Store.FindAsync(partition, "d", Ct)));
    }

    [Fact]
    public async Task A_read_if_changed_leaves_out_only_the_version_the_caller_holds()
    {
        var partition = NewPartition();
        var v1 = (await Store.CreateAsync(Doc(partition, "d", 1), Ct)).Document!;

        var held = await Store.FindIfChangedAsync(partition, "d", v1.Etag, Ct);
        var unconditioned = await Store.FindIfChangedAsync(partition, "d", null, Ct);
        var other = await Store.FindIfChangedAsync(partition, "d", "\"not-an-etag\"", Ct);
        var absent = await Store.FindIfChangedAsync(partition, "nope", v1.Etag, Ct);
        var v2 = (await Store.ReplaceAsync(Doc(partition, "d", 2), v1.Etag, Ct)).Document!;
        var afterChange = await Store.FindIfChangedAsync(partition, "d", v1.Etag, Ct);

        Assert.True(held.NotModified);
        Assert.Null(held.Document);
        Assert.Equal(v1.Etag, held.Etag);
        Assert.False(unconditioned.NotModified);
        Assert.Equal(1, Value(unconditioned.Document));
        Assert.Equal(1, Value(other.Document));
        Assert.Equal(v1.Etag, other.Etag);
        Assert.False(absent.NotModified);
        Assert.Null(absent.Document);
        Assert.Null(absent.Etag);
        Assert.False(afterChange.NotModified);
        Assert.Equal(2, Value(afterChange.Document));
        Assert.Equal(v2.Etag, afterChange.Etag);
    }

    [Fact]
    public async Task A_body_given_as_utf8_text_reads_back_as_the_same_json()
    {
        var partition = NewPartition();
        const string json = """{"text":"café ☕ 東京 \"q\"","n":[1,2.5,-3],"o":{"b":true,"z":null}}""";
        var created = await Store.CreateAsync(new PartitionedDocument { Partition = partition, Id = "d", Utf8Body = System.Text.Encoding.UTF8.GetBytes(json) }, Ct);
        await Store.ReplaceAsync(new PartitionedDocument { Partition = partition, Id = "e", Utf8Body = System.Text.Encoding.UTF8.GetBytes(json) }, null, Ct);
        await Store.CreateAsync(new PartitionedDocument { Partition = partition, Id = "e", Body = Json(new { n = 1 }) }, Ct);
        var replaced = await Store.ReplaceAsync(new PartitionedDocument { Partition = partition, Id = "e", Utf8Body = System.Text.Encoding.UTF8.GetBytes(json) }, null, Ct);

        var found = await Store.FindAsync(partition, "d", Ct);
        var range = await Store.RangeAsync(partition, "d", "e", Ct);

        Assert.True(created.Ok);
        Assert.True(replaced.Ok);
        var expected = System.Text.Json.JsonDocument.Parse(json).RootElement;
        Assert.True(System.Text.Json.JsonElement.DeepEquals(expected, found!.Body), found.Body.GetRawText());
        Assert.Equal("café ☕ 東京 \"q\"", found.Body.GetProperty("text").GetString());
        Assert.All(range, d => Assert.True(System.Text.Json.JsonElement.DeepEquals(expected, System.Text.Json.JsonDocument.Parse(d.Utf8Body).RootElement)));
        Assert.Equal(2, range.Count);
    }

    [Fact]
    public async Task Text_outside_ascii_reads_back_unchanged()
    {
        var partition = NewPartition();
        const string text = "café ☕ 東京 — \"quoted\" \u0001 😀";
        await Store.CreateAsync(new PartitionedDocument { Partition = partition, Id = "d", Body = Json(new { text }) }, Ct);

        var found = await Store.FindAsync(partition, "d", Ct);

        Assert.Equal(text, found!.Body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Partitions_are_separate_by_key_and_by_tenant()
    {
        var tenant = NewTenant();
        var mine = new DocumentPartition(tenant, "c-1");
        var sibling = new DocumentPartition(tenant, "c-2");
        var foreign = new DocumentPartition(NewTenant(), "c-1");
        await Store.CreateAsync(Doc(mine, "day|2026-03-16", 1), Ct);

        Assert.Null(await Store.FindAsync(sibling, "day|2026-03-16", Ct));
        Assert.Null(await Store.FindAsync(foreign, "day|2026-03-16", Ct));
        Assert.Empty(await Store.RangeAsync(foreign, "day|", "day|~", Ct));
        Assert.True((await Store.CreateAsync(Doc(foreign, "day|2026-03-16", 9), Ct)).Ok);
        Assert.Equal(1, Value(await Store.FindAsync(mine, "day|2026-03-16", Ct)));
    }

    [Fact]
    public async Task A_range_returns_exactly_the_ids_between_its_ends_inclusive()
    {
        var partition = NewPartition();
        var days = Enumerable.Range(0, 120).Select(i => new DateOnly(2026, 1, 1).AddDays(i)).ToList();
        foreach (var day in days) await Store.CreateAsync(Doc(partition, $"day|{day:yyyy-MM-dd}", day.DayNumber), Ct);
        await Store.CreateAsync(Doc(partition, "profile", 0), Ct);
        await Store.CreateAsync(Doc(new DocumentPartition(partition.Tenant, "c-other"), "day|2026-02-01", 0), Ct);

        var window = await Store.RangeAsync(partition, "day|2026-01-31", "day|2026-03-01", Ct);

        Assert.Equal(days.Where(d => d >= new DateOnly(2026, 1, 31) && d <= new DateOnly(2026, 3, 1)).Select(d => $"day|{d:yyyy-MM-dd}"),
            window.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(window, d => Assert.Equal(partition, d.Partition));
    }

    [Fact]
    public async Task A_range_delete_removes_exactly_the_ids_between_its_ends_of_its_partition()
    {
        var partition = NewPartition();
        var sibling = new DocumentPartition(partition.Tenant, "c-other");
        var foreign = new DocumentPartition(NewTenant(), partition.Key);
        var ids = Enumerable.Range(0, 300).Select(i => $"log|{i:D4}").ToList(); // more than one chunk of a batched delete
        await Store.WriteManyAsync([.. ids.Select(id => new DocumentWrite(Doc(partition, id, 1), IfMatch: null))], Ct);
        await Store.CreateAsync(Doc(partition, "profile", 0), Ct);
        await Store.CreateAsync(Doc(sibling, "log|0100", 0), Ct);
        await Store.CreateAsync(Doc(foreign, "log|0100", 0), Ct);

        var deleted = await Store.DeleteRangeAsync(partition, "log|", "log|0279", Ct);

        Assert.Equal(280, deleted);
        Assert.Equal(ids.Skip(280), (await Store.RangeAsync(partition, "log|", "log|~", Ct)).Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.NotNull(await Store.FindAsync(partition, "profile", Ct));
        Assert.NotNull(await Store.FindAsync(sibling, "log|0100", Ct));
        Assert.NotNull(await Store.FindAsync(foreign, "log|0100", Ct));
        Assert.Equal(0, await Store.DeleteRangeAsync(partition, "log|", "log|0279", Ct));
    }

    [Fact]
    public async Task One_read_returns_the_named_documents_and_a_range_of_one_partition_only()
    {
        var partition = NewPartition();
        foreach (var day in Enumerable.Range(1, 20)) await Store.CreateAsync(Doc(partition, $"day|2026-01-{day:D2}", day), Ct);
        await Store.CreateAsync(Doc(partition, "profile", 0), Ct);
        await Store.CreateAsync(Doc(partition, "metrics", 0), Ct);
        await Store.CreateAsync(Doc(partition, "behaviors", 0), Ct);
        await Store.CreateAsync(Doc(new DocumentPartition(partition.Tenant, "c-other"), "profile", 0), Ct);

        var read = await Store.ReadAsync(partition, ["profile", "metrics", "absent", "day|2026-01-03"], new IdRange("day|2026-01-02", "day|2026-01-05"), Ct);

        Assert.Equal(["day|2026-01-02", "day|2026-01-03", "day|2026-01-04", "day|2026-01-05", "metrics", "profile"],
            read.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(read, d => Assert.Equal(partition, d.Partition));
        Assert.Equal(["profile"], (await Store.ReadAsync(partition, ["profile"], null, Ct)).Select(d => d.Id));
        Assert.Equal(4, (await Store.ReadAsync(partition, [], new IdRange("day|2026-01-17", "day|2026-01-25"), Ct)).Count);
        Assert.Empty(await Store.ReadAsync(partition, [], null, Ct));
    }

    [Fact]
    public async Task Many_reads_answer_in_the_order_asked_each_conditional_on_its_own_version()
    {
        var (one, two) = (NewPartition("c-1"), NewPartition("c-2"));
        var a = (await Store.CreateAsync(Doc(one, "day|2026-03-16", 1), Ct)).Document!;
        var b = (await Store.CreateAsync(Doc(two, "day|2026-03-16", 2), Ct)).Document!;
        var c = (await Store.CreateAsync(Doc(one, "day|2026-03-17", 3), Ct)).Document!;
        await Store.CreateAsync(Doc(new DocumentPartition(NewTenant(), "c-1"), "day|2026-03-18", 4), Ct);

        var reads = await Store.FindManyIfChangedAsync(
        [
            new DocumentKey(two, "day|2026-03-16", b.Etag),      // held: left out
            new DocumentKey(one, "day|2026-03-18"),              // only another tenant's partition has it
            new DocumentKey(one, "day|2026-03-16", "\"stale\""), // changed since: read
            new DocumentKey(one, "day|2026-03-17"),              // nothing held: read
        ], Ct);

        Assert.Equal(4, reads.Count);
        Assert.True(reads[0].NotModified);
        Assert.Equal(b.Etag, reads[0].Etag);
        Assert.Null(reads[0].Document);
        Assert.False(reads[1].NotModified);
        Assert.Null(reads[1].Etag);
        Assert.Equal((1, a.Etag), (Value(reads[2].Document), reads[2].Etag));
        Assert.Equal((3, c.Etag, one), (Value(reads[3].Document), reads[3].Etag, reads[3].Document!.Partition));
        Assert.Empty(await Store.FindManyIfChangedAsync([], Ct));
    }

    [Fact]
    public async Task Many_writes_each_answer_their_own_status_in_the_order_given()
    {
        var partition = NewPartition();
        var other = NewPartition("c-2");
        var existing = (await Store.CreateAsync(Doc(partition, "taken", 1), Ct)).Document!;
        var current = (await Store.CreateAsync(Doc(partition, "current", 1), Ct)).Document!;
        var moved = (await Store.CreateAsync(Doc(partition, "moved", 1), Ct)).Document!;
        await Store.ReplaceAsync(Doc(partition, "moved", 2), moved.Etag, Ct);

        var written = await Store.WriteManyAsync(
        [
            new DocumentWrite(Doc(partition, "new", 10), null),
            new DocumentWrite(Doc(partition, "taken", 10), null),
            new DocumentWrite(Doc(partition, "current", 10), current.Etag),
            new DocumentWrite(Doc(partition, "moved", 10), moved.Etag),
            new DocumentWrite(Doc(partition, "absent", 10), "\"whatever\""),
            new DocumentWrite(Doc(other, "new", 20), null),
        ], Ct);

        Assert.Equal([WriteStatus.Ok, WriteStatus.Conflict, WriteStatus.Ok, WriteStatus.PreconditionFailed, WriteStatus.NotFound, WriteStatus.Ok],
            written.Select(w => w.Status));
        var values = new List<int>();
        foreach (var (p, id) in new[] { (partition, "new"), (partition, "taken"), (partition, "current"), (partition, "moved"), (other, "new") })
            values.Add(Value(await Store.FindAsync(p, id, Ct)));
        Assert.Equal([10, 1, 10, 2, 20], values);
        Assert.Equal(written[2].Document!.Etag, (await Store.FindAsync(partition, "current", Ct))!.Etag);
        Assert.NotEqual(current.Etag, written[2].Document!.Etag);
        Assert.Null(await Store.FindAsync(partition, "absent", Ct));
        Assert.Equal(existing.Etag, (await Store.FindAsync(partition, "taken", Ct))!.Etag);
    }

    [Fact]
    public async Task Many_writes_past_one_chunk_all_land_with_their_own_etags()
    {
        var partition = NewPartition();
        var creates = Enumerable.Range(0, 150).Select(i => new DocumentWrite(Doc(partition, $"d{i:D3}", i), null)).ToList();

        var created = await Store.WriteManyAsync(creates, Ct);
        var replaced = await Store.WriteManyAsync([.. created.Select((w, i) => new DocumentWrite(Doc(partition, $"d{i:D3}", i + 1000), w.Document!.Etag))], Ct);

        Assert.All(created.Concat(replaced), w => Assert.True(w.Ok));
        Assert.Equal(150, created.Select(w => w.Document!.Etag).Distinct().Count());
        var stored = await Store.RangeAsync(partition, "d000", "d999", Ct);
        Assert.Equal(Enumerable.Range(1000, 150), stored.OrderBy(d => d.Id, StringComparer.Ordinal).Select(Value));
        Assert.Equal(replaced.Select(w => w.Document!.Etag).Order(StringComparer.Ordinal), stored.Select(d => d.Etag).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Writes_after_others_are_made_only_when_every_first_write_succeeds()
    {
        var partition = NewPartition();
        var shard = (await Store.CreateAsync(Doc(partition, "shard", 1), Ct)).Document!;
        await Store.ReplaceAsync(Doc(partition, "shard", 2), shard.Etag, Ct);
        var days = Enumerable.Range(0, 40).Select(i => new DocumentWrite(Doc(partition, $"day{i:D2}", i), null)).ToList(); // past one chunk

        var (first, writes) = await Store.WriteAfterAsync(Store,
            [new DocumentWrite(Doc(partition, "other-shard", 1), null), new DocumentWrite(Doc(partition, "shard", 3), shard.Etag)], days, Ct);

        Assert.Equal([WriteStatus.Ok, WriteStatus.PreconditionFailed], first.Select(w => w.Status));
        Assert.Null(writes);
        Assert.Empty(await Store.RangeAsync(partition, "day", "day~", Ct));
        Assert.Equal(2, Value(await Store.FindAsync(partition, "shard", Ct)));
    }

    [Fact]
    public async Task Writes_after_others_are_made_with_them_past_one_chunk()
    {
        var partition = NewPartition();
        var taken = (await Store.CreateAsync(Doc(partition, "day07", 0), Ct)).Document!;
        var days = Enumerable.Range(0, 40).Select(i => new DocumentWrite(Doc(partition, $"day{i:D2}", i + 100), null)).ToList();

        var (first, writes) = await Store.WriteAfterAsync(Store, [new DocumentWrite(Doc(partition, "shard", 1), null)], days, Ct);
        var (none, alone) = await Store.WriteAfterAsync(Store, [], [new DocumentWrite(Doc(partition, "alone", 5), null)], Ct);

        Assert.True(first.Single().Ok);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i == 7 ? WriteStatus.Conflict : WriteStatus.Ok), writes!.Select(w => w.Status));
        var stored = await Store.RangeAsync(partition, "day", "day~", Ct);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i == 7 ? 0 : i + 100), stored.OrderBy(d => d.Id, StringComparer.Ordinal).Select(Value));
        Assert.Equal(taken.Etag, stored.Single(d => d.Id == "day07").Etag);
        Assert.Equal(first[0].Document!.Etag, (await Store.FindAsync(partition, "shard", Ct))!.Etag);
        Assert.Empty(none);
        Assert.Equal(5, Value(await Store.FindAsync(partition, "alone", Ct)));
        Assert.True(alone!.Single().Ok);
    }
}
