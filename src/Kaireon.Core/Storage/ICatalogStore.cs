using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Storage;

/// <summary>
/// The <c>catalog</c> container (partition <c>/tenantId</c>): every configuration entity of a
/// tenant. All reads and writes are single-partition and scoped by the tenant given, never by ids
/// alone.
/// </summary>
public interface ICatalogStore
{
    Task<CatalogDocument?> FindAsync(TenantId tenant, string kind, string id, CancellationToken ct);

    /// <summary>Every document of one kind in the tenant, in no particular order.</summary>
    Task<IReadOnlyList<CatalogDocument>> ListAsync(TenantId tenant, string kind, CancellationToken ct);

    /// <summary>Documents of any kind in the tenant whose <see cref="CatalogDocument.Refs"/> hold <paramref name="reference"/>.</summary>
    Task<IReadOnlyList<CatalogDocument>> FindReferencingAsync(TenantId tenant, string reference, CancellationToken ct);

    /// <summary>Creates the document; <see cref="WriteStatus.Conflict"/> when its id exists in the tenant for that kind.</summary>
    Task<WriteResult<CatalogDocument>> CreateAsync(CatalogDocument document, CancellationToken ct);

    /// <summary>
    /// Replaces an existing document. When <paramref name="ifMatch"/> is given (and not <c>*</c>) the
    /// stored etag must equal it, else <see cref="WriteStatus.PreconditionFailed"/>.
    /// </summary>
    Task<WriteResult<CatalogDocument>> ReplaceAsync(CatalogDocument document, string? ifMatch, CancellationToken ct);

    /// <summary>Deletes a document, with the same <paramref name="ifMatch"/> rule as <see cref="ReplaceAsync"/>.</summary>
    Task<WriteStatus> DeleteAsync(TenantId tenant, string kind, string id, string? ifMatch, CancellationToken ct);
}
