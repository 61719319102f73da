using System.Text.Json;
using Kaireon.Core.Audit;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Catalog;

/// <summary>
/// Create, read, replace and delete for every catalog kind: validation, referential checks,
/// optimistic concurrency and the audit log, the same way for each. Nothing is written unless the
/// whole entity is valid; each write is one document.
/// </summary>
public sealed class CatalogService(ICatalogStore store, AuditLog audit, TimeProvider clock, CatalogSnapshots? snapshots = null)
{
    public async Task<T?> FindAsync<T>(CatalogKind<T> kind, TenantId tenant, string id, CancellationToken ct)
        where T : CatalogEntity =>
        EntityId.IsValid(id) && await store.FindAsync(tenant, kind.Name, id, ct) is { } document ? ToEntity(kind, document) : null;

    public async Task<Page<T>> ListAsync<T>(CatalogKind<T> kind, TenantId tenant, int limit, string? cursor, CancellationToken ct)
        where T : CatalogEntity
    {
        var documents = await store.ListAsync(tenant, kind.Name, ct);
        return Paging.Of(documents.Select(d => ToEntity(kind, d)), e => e.Id!, limit, cursor);
    }

    public async Task<IReadOnlyList<T>> ListAllAsync<T>(CatalogKind<T> kind, TenantId tenant, CancellationToken ct)
        where T : CatalogEntity =>
        [.. (await store.ListAsync(tenant, kind.Name, ct)).Select(d => ToEntity(kind, d))];

    public async Task<CatalogResult<T>> CreateAsync<T>(CatalogKind<T> kind, TenantId tenant, T input, Actor actor, CancellationToken ct)
        where T : CatalogEntity
    {
        var now = clock.GetUtcNow();
        var entity = kind.Normalize(input with { CreatedAt = now, UpdatedAt = now, Etag = null });
        var errors = new ValidationErrors();
        if (entity.Id is null) entity = entity with { Id = EntityId.New(kind.IdPrefix) };
        else if (!EntityId.IsValid(entity.Id)) errors.Add("id", "must be [a-z0-9_-], 1–64 characters.");
        if (await CheckAsync(kind, tenant, entity, errors, ct) is { } invalid) return invalid;
        if (kind.MaxPerTenant is { } max && (await store.ListAsync(tenant, kind.Name, ct)).Count >= max)
            return CatalogResult<T>.Conflict($"A tenant may have at most {max} {kind.Title}s; delete or reuse one before creating another.");

        var written = await store.CreateAsync(ToDocument(kind, tenant, entity), ct);
        if (written.Status == WriteStatus.Conflict)
            return CatalogResult<T>.Conflict($"{kind.Title} '{entity.Id}' already exists.");
        await audit.RecordAsync(tenant, actor, kind.Name, entity.Id!, AuditAction.Create, null, written.Document!.Etag, ct);
        await ChangedAsync(tenant, ct);
        return new CatalogResult<T>(CatalogOutcome.Created, entity with { Etag = written.Document.Etag });
    }

    public async Task<CatalogResult<T>> ReplaceAsync<T>(
        CatalogKind<T> kind, TenantId tenant, string id, T input, string? ifMatch, Actor actor, CancellationToken ct)
        where T : CatalogEntity
    {
        var current = await store.FindAsync(tenant, kind.Name, id, ct);
        if (current is null) return CatalogResult<T>.NotFound();
        if (!ETags.Satisfies(ifMatch, current.Etag)) return CatalogResult<T>.PreconditionFailed();

        var existing = ToEntity(kind, current);
        var entity = kind.Normalize(input with { Id = id, CreatedAt = existing.CreatedAt, UpdatedAt = clock.GetUtcNow(), Etag = null });
        var errors = new ValidationErrors();
        if (input.Id is not null && input.Id != id) errors.Add("id", $"must be '{id}' (the id in the path) or omitted.");
        if (await CheckAsync(kind, tenant, entity, errors, ct) is { } invalid) return invalid;

        // Conditioned on the etag just read, so a concurrent change between the read and the write is caught too.
        var written = await store.ReplaceAsync(ToDocument(kind, tenant, entity), current.Etag, ct);
        switch (written.Status)
        {
            case WriteStatus.NotFound: return CatalogResult<T>.NotFound();
            case WriteStatus.PreconditionFailed: return CatalogResult<T>.PreconditionFailed();
        }
        await audit.RecordAsync(tenant, actor, kind.Name, id, AuditAction.Update, current.Etag, written.Document!.Etag, ct);
        await ChangedAsync(tenant, ct);
        return new CatalogResult<T>(CatalogOutcome.Ok, entity with { Etag = written.Document.Etag });
    }

    /// <param name="force">Delete although other entities refer to it (kinds that allow it); the audit entry names them.</param>
    public async Task<CatalogResult<T>> DeleteAsync<T>(
        CatalogKind<T> kind, TenantId tenant, string id, string? ifMatch, Actor actor, CancellationToken ct, bool force = false)
        where T : CatalogEntity
    {
        var current = EntityId.IsValid(id) ? await store.FindAsync(tenant, kind.Name, id, ct) : null;
        if (current is null) return CatalogResult<T>.NotFound();
        if (!ETags.Satisfies(ifMatch, current.Etag)) return CatalogResult<T>.PreconditionFailed();
        if (kind.UndeletableReason(ToEntity(kind, current)) is { } reason) return CatalogResult<T>.Conflict(reason);

        var dependents = await store.FindReferencingAsync(tenant, current.Reference, ct);
        var names = string.Join(", ", dependents.Select(d => d.Reference).Order(StringComparer.Ordinal).Take(20));
        if (dependents.Count > 0 && !(force && kind.ForceDeletable))
        {
            var hint = kind.ForceDeletable ? " (or delete with force=true, leaving them without it)" : "";
            return CatalogResult<T>.Conflict($"{kind.Title} '{id}' is referenced by {dependents.Count} entities ({names}); change or delete them first{hint}.");
        }

        switch (await store.DeleteAsync(tenant, kind.Name, id, current.Etag, ct))
        {
            case WriteStatus.NotFound: return CatalogResult<T>.NotFound();
            case WriteStatus.PreconditionFailed: return CatalogResult<T>.PreconditionFailed();
        }
        var detail = dependents.Count > 0 ? $"Deleted with force while referenced by {dependents.Count} entities: {names}." : null;
        await audit.RecordAsync(tenant, actor, kind.Name, id, AuditAction.Delete, current.Etag, null, ct, detail);
        await ChangedAsync(tenant, ct);
        return new CatalogResult<T>(CatalogOutcome.Deleted);
    }

    /// <summary>Lets every instance's catalog snapshot see the change (at once here, within seconds elsewhere).</summary>
    private Task ChangedAsync(TenantId tenant, CancellationToken ct) => snapshots?.BumpAsync(tenant, ct) ?? Task.CompletedTask;

    /// <summary>Field rules, then references (each must exist in this tenant), then cross-entity rules.</summary>
    private async Task<CatalogResult<T>?> CheckAsync<T>(
        CatalogKind<T> kind, TenantId tenant, T entity, ValidationErrors errors, CancellationToken ct)
        where T : CatalogEntity
    {
        kind.Validate(entity, errors);
        if (errors.Any) return CatalogResult<T>.Invalid(errors);

        var found = new Dictionary<string, CatalogDocument>(StringComparer.Ordinal);
        foreach (var reference in GivenReferences(kind, entity))
        {
            var key = CatalogDocument.RefTo(reference.Kind, reference.Id!);
            if (found.ContainsKey(key)) continue;
            if (await store.FindAsync(tenant, reference.Kind, reference.Id!, ct) is { } document) found[key] = document;
            else errors.Add(reference.Path, $"{reference.Kind} '{reference.Id}' does not exist.");
        }
        if (!errors.Any) kind.ValidateWithReferences?.Invoke(entity, new ReferencedEntities(found), errors);
        return errors.Any ? new CatalogResult<T>(CatalogOutcome.Unprocessable, Errors: errors) : null;
    }

    public static T ToEntity<T>(CatalogKind<T> kind, CatalogDocument document) where T : CatalogEntity =>
        document.Body.Deserialize(kind.Json)! with { Id = document.Id, Etag = document.Etag };

    public static CatalogDocument ToDocument<T>(CatalogKind<T> kind, TenantId tenant, T entity) where T : CatalogEntity => new()
    {
        Tenant = tenant,
        Kind = kind.Name,
        Id = entity.Id!,
        Body = JsonSerializer.SerializeToElement(entity with { Etag = null }, kind.Json),
        Refs = [.. GivenReferences(kind, entity).Select(r => CatalogDocument.RefTo(r.Kind, r.Id!)).Distinct(StringComparer.Ordinal)],
    };

    private static IEnumerable<EntityReference> GivenReferences<T>(CatalogKind<T> kind, T entity) where T : CatalogEntity =>
        kind.References(entity).Where(r => r.Id is not null);
}
