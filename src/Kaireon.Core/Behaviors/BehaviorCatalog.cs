using System.Runtime.CompilerServices;
using Kaireon.Core.Catalog;
using Kaireon.Core.Conditions;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// A tenant's behaviours for the hot path: read from the catalog snapshot (design §3, no store read
/// per batch), compiled once per snapshot version, with each flexible behaviour's conditions
/// parsed once per etag. Thread-safe.
/// </summary>
public sealed class BehaviorCatalog(CatalogSnapshots snapshots)
{
    private readonly ConditionCache _conditions = new();

    // Keyed by the snapshot's set: a new catalog version is a new set, so a stale entry is never read and goes with its set.
    private readonly ConditionalWeakTable<CatalogSet<Behavior>, TenantBehaviors> _compiled = [];

    public async ValueTask<TenantBehaviors> GetAsync(TenantId tenant, CancellationToken ct)
    {
        var set = await snapshots.GetAsync(tenant, Behavior.Kind, ct);
        if (_compiled.TryGetValue(set, out var compiled)) return compiled;
        compiled = set.All.Count == 0 ? TenantBehaviors.None : TenantBehaviors.Compile(tenant, set.All, _conditions);
        _compiled.AddOrUpdate(set, compiled);
        return compiled;
    }
}
