using Kaireon.Core.Audit;
using Kaireon.Core.Catalog;
using Kaireon.Core.Channels;
using Kaireon.Core.Tenancy;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Storage.Tests.Contract;

/// <summary>
/// The per-tenant catalog snapshot over a real store, with two instances: a change is seen at once
/// by the instance that made it and within <see cref="CatalogSnapshots.MaxStaleness"/> by the other,
/// which reads nothing but the version document while the catalog does not change.
/// </summary>
public abstract class CatalogSnapshotContract
{
    protected abstract StoreSet Stores { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_change_is_seen_at_once_here_and_within_the_staleness_bound_elsewhere()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 12, 0, 0, TimeSpan.Zero));
        var tenant = TenantId.Parse($"cs-{Guid.NewGuid():N}"[..20]);
        var here = new CatalogSnapshots(Stores.Catalog, clock);
        var elsewhere = new CatalogSnapshots(Stores.Catalog, clock);
        var catalog = new CatalogService(Stores.Catalog, new AuditLog(Stores.Traces, clock), clock, here);

        Assert.Empty((await here.GetAsync(tenant, Channel.Kind, Ct)).All);
        Assert.Empty((await elsewhere.GetAsync(tenant, Channel.Kind, Ct)).All);
        var created = await catalog.CreateAsync(Channel.Kind, tenant, new Channel { Id = "web", Name = "Web", Type = ChannelType.Web }, Actor.System, Ct);
        Assert.Equal(CatalogOutcome.Created, created.Outcome);

        Assert.NotNull((await here.GetAsync(tenant, Channel.Kind, Ct)).Find("web"));
        Assert.Null((await elsewhere.GetAsync(tenant, Channel.Kind, Ct)).Find("web"));
        clock.Advance(CatalogSnapshots.MaxStaleness);
        Assert.Equal("Web", (await elsewhere.GetAsync(tenant, Channel.Kind, Ct)).Find("web")!.Name);

        Assert.Equal(CatalogOutcome.Deleted, (await catalog.DeleteAsync(Channel.Kind, tenant, "web", null, Actor.System, Ct)).Outcome);
        Assert.Empty((await here.GetAsync(tenant, Channel.Kind, Ct)).All);
        clock.Advance(CatalogSnapshots.MaxStaleness);
        Assert.Empty((await elsewhere.GetAsync(tenant, Channel.Kind, Ct)).All);
    }
}
