using Kaireon.Core.Audit;
using Kaireon.Core.Catalog;
using Kaireon.Core.Storage;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tenancy;

/// <summary>
/// Creates tenants with everything they start with: the defaults of every feature and a first admin
/// key. The tenant document is written last, so it exists only once the tenant is complete.
/// </summary>
public sealed class TenantProvisioner(
    ICatalogStore store, IEnumerable<ITenantDefaults> defaults, ApiKeyService keys, AuditLog audit, TimeProvider clock)
{
    public sealed record Created(Tenant Tenant, string ApiKey);

    public async Task<CatalogResult<Created>> CreateAsync(Tenant input, Actor actor, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        Tenant.Kind.Validate(input, errors);
        if (errors.Any) return CatalogResult<Created>.Invalid(errors);
        var tenant = TenantId.Parse(input.Id ?? EntityId.New(Tenant.Kind.IdPrefix));
        if (await store.FindAsync(tenant, Tenant.Kind.Name, tenant.Value, ct) is not null)
            return CatalogResult<Created>.Conflict($"Tenant '{tenant}' already exists.");

        await EnsureDefaultsAsync(tenant, ct);
        var issued = await keys.CreateAsync(tenant, "admin (created with the tenant)", [ApiScope.Admin], actor, ct);
        var written = await WriteTenantAsync(tenant, input.Name, ct);
        if (!written.Ok)
        {
            await keys.RevokeAsync(tenant, issued.Entity!.Key.Id!, Actor.System, ct);
            return CatalogResult<Created>.Conflict($"Tenant '{tenant}' already exists.");
        }
        await audit.RecordAsync(tenant, actor, Tenant.Kind.Name, tenant.Value, AuditAction.Create, null, written.Document!.Etag, ct);
        var created = CatalogService.ToEntity(Tenant.Kind, written.Document);
        return new CatalogResult<Created>(CatalogOutcome.Created, new Created(created, issued.Entity!.Secret));
    }

    /// <summary>Makes sure a tenant exists with its defaults, creating what is missing (start-up bootstrap).</summary>
    public async Task EnsureAsync(TenantId tenant, string name, CancellationToken ct)
    {
        await EnsureDefaultsAsync(tenant, ct);
        if (await store.FindAsync(tenant, Tenant.Kind.Name, tenant.Value, ct) is null)
            await WriteTenantAsync(tenant, name, ct);
    }

    private async Task EnsureDefaultsAsync(TenantId tenant, CancellationToken ct)
    {
        foreach (var step in defaults) await step.EnsureAsync(tenant, ct);
    }

    private Task<WriteResult<CatalogDocument>> WriteTenantAsync(TenantId tenant, string name, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var entity = new Tenant { Id = tenant.Value, Name = name, CreatedAt = now, UpdatedAt = now };
        return store.CreateAsync(CatalogService.ToDocument(Tenant.Kind, tenant, entity), ct);
    }
}
