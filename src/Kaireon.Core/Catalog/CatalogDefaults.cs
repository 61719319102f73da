using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Catalog;

/// <summary>Creates a tenant's default entities of one kind where they are absent; never overwrites a changed one.</summary>
public sealed class CatalogDefaults<T>(ICatalogStore store, CatalogKind<T> kind, IReadOnlyList<T> defaults, TimeProvider clock) : ITenantDefaults
    where T : CatalogEntity
{
    public async Task EnsureAsync(TenantId tenant, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var entity in defaults)
        {
            // Create answers Conflict for an existing id, which is exactly "leave it as it is".
            await store.CreateAsync(CatalogService.ToDocument(kind, tenant, entity with { CreatedAt = now, UpdatedAt = now }), ct);
        }
    }
}
