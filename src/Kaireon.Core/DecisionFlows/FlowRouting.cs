using Kaireon.Core.Catalog;
using Kaireon.Core.Placements;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.DecisionFlows;

/// <summary>Which flow a Recommend call runs when it names none, by its channel and placement.</summary>
public sealed class FlowRouting(CatalogService catalog)
{
    /// <summary>
    /// The route for a call on <paramref name="channelId"/> and <paramref name="placements"/> (the
    /// request's placement as given, and the slot type it resolves to), or null. A route matches when
    /// each field it sets matches; the most specific match wins (channel + placement, then placement
    /// only, then channel only), then the highest priority, then the smallest id.
    /// </summary>
    public static FlowRoute? Resolve(IEnumerable<FlowRoute> routes, string? channelId, IReadOnlyCollection<string> placements)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes
            .Where(r => (r.ChannelId is null || r.ChannelId == channelId) && (r.Placement is null || placements.Contains(r.Placement)))
            .Where(r => r.ChannelId is not null || r.Placement is not null)
            .OrderByDescending(Specificity)
            .ThenByDescending(r => r.Priority)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>channel + placement = 3, placement = 2, channel = 1.</summary>
    public static int Specificity(FlowRoute route) => (route.Placement is null ? 0 : 2) + (route.ChannelId is null ? 0 : 1);

    /// <summary>
    /// <see cref="Resolve"/> over the tenant's routes, reading them from the catalog; a
    /// <paramref name="placement"/> that is a placement id also matches routes on its slot type.
    /// </summary>
    public async Task<FlowRoute?> ResolveAsync(TenantId tenant, string? channelId, string? placement, CancellationToken ct)
    {
        var routes = await catalog.ListAllAsync(FlowRoute.Kind, tenant, ct);
        if (routes.Count == 0) return null;
        var placements = new List<string>(2);
        if (placement is not null)
        {
            placements.Add(placement);
            if (await catalog.FindAsync(Placement.Kind, tenant, placement, ct) is { SlotType: { } slotType }) placements.Add(slotType);
        }
        return Resolve(routes, channelId, placements);
    }
}
