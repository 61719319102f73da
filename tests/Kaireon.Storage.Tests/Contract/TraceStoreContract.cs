using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using static Kaireon.Storage.Tests.Contract.Docs;

namespace Kaireon.Storage.Tests.Contract;

/// <summary>What every <see cref="ITraceStore"/> adapter does.</summary>
public abstract class TraceStoreContract
{
    protected abstract StoreSet Stores { get; }

    private ITraceStore Store => Stores.Traces;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset T0 = new(2026, 3, 16, 14, 35, 0, TimeSpan.Zero);

    private static TraceRecord Record(TenantId tenant, string id, DateTimeOffset at, string kind = "audit", int? ttl = null) => new()
    {
        Tenant = tenant,
        Kind = kind,
        Id = id,
        At = at,
        Body = Json(new { id, note = $"note {id}" }),
        TimeToLiveSeconds = ttl,
    };

    [Fact]
    public async Task Appended_record_reads_back()
    {
        var tenant = NewTenant();
        await Store.AppendAsync(Record(tenant, "a1", T0, ttl: 3600), Ct);

        var found = await Store.FindAsync(tenant, "audit", "a1", Ct);

        Assert.NotNull(found);
        Assert.Equal(T0, found.At);
        Assert.Equal("note a1", found.Body.GetProperty("note").GetString());
        Assert.Equal(3600, found.TimeToLiveSeconds);
        Assert.Null(await Store.FindAsync(tenant, "audit", "missing", Ct));
    }

    [Fact]
    public async Task Appending_the_same_id_again_keeps_the_first_record()
    {
        var tenant = NewTenant();
        await Store.AppendAsync(Record(tenant, "a1", T0), Ct);
        await Store.AppendAsync(Record(tenant, "a1", T0.AddHours(1)), Ct);

        Assert.Equal(T0, (await Store.FindAsync(tenant, "audit", "a1", Ct))!.At);
    }

    [Fact]
    public async Task List_returns_the_time_range_of_one_kind_in_one_tenant()
    {
        var tenant = NewTenant();
        var other = NewTenant();
        await Store.AppendAsync(Record(tenant, "before", T0.AddTicks(-1)), Ct);
        await Store.AppendAsync(Record(tenant, "first", T0), Ct);
        await Store.AppendAsync(Record(tenant, "last", T0.AddDays(1).AddTicks(-1)), Ct);
        await Store.AppendAsync(Record(tenant, "after", T0.AddDays(1)), Ct);
        await Store.AppendAsync(Record(tenant, "trace", T0.AddHours(1), kind: "decision_trace"), Ct);
        await Store.AppendAsync(Record(other, "foreign", T0.AddHours(1)), Ct);

        var listed = await Store.ListAsync(tenant, "audit", T0, T0.AddDays(1), Ct);

        Assert.Equal(["first", "last"], listed.Select(r => r.Id).Order());
        Assert.Null(await Store.FindAsync(other, "audit", "first", Ct));
    }

    [Fact]
    public async Task Purging_never_removes_a_record_that_has_not_expired()
    {
        var tenant = NewTenant();
        await Store.AppendAsync(Record(tenant, "kept", T0), Ct);
        await Store.AppendAsync(Record(tenant, "long-lived", T0, ttl: 86_400), Ct);

        Assert.True(await Store.PurgeExpiredAsync(Ct) >= 0);

        Assert.NotNull(await Store.FindAsync(tenant, "audit", "kept", Ct));
        Assert.NotNull(await Store.FindAsync(tenant, "audit", "long-lived", Ct));
    }
}
