using System.Runtime.CompilerServices;
using Kaireon.Core.Catalog;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Triggers;

/// <summary>
/// A tenant's triggers for the hot path: from the catalog snapshot (no store read per batch),
/// compiled once per snapshot version. Thread-safe.
/// </summary>
public sealed class TriggerCatalog(CatalogSnapshots snapshots)
{
    private readonly ConditionalWeakTable<CatalogSet<Trigger>, IReadOnlyList<CompiledTrigger>> _compiled = [];

    /// <summary>Every trigger of the tenant (paused ones too: their state is dropped), in id order.</summary>
    public async ValueTask<IReadOnlyList<CompiledTrigger>> GetAsync(TenantId tenant, CancellationToken ct)
    {
        var set = await snapshots.GetAsync(tenant, Trigger.Kind, ct);
        if (_compiled.TryGetValue(set, out var compiled)) return compiled;
        compiled = [.. set.All.Select(t => new CompiledTrigger(t))];
        _compiled.AddOrUpdate(set, compiled);
        return compiled;
    }
}
