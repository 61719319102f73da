using System.Text.Json;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Storage;

/// <summary>
/// One configuration entity as the catalog container stores it: a tenant's partition, the entity's
/// kind (<c>offer</c>, <c>category</c>, …) and id, its JSON body, and the references it holds to
/// other entities (<c>category/cards</c>), which is how a delete finds its dependents.
/// </summary>
/// <remarks>
/// <see cref="Etag"/> is set by the store on every write and is opaque; it is already quoted, so it
/// can be sent as an HTTP <c>ETag</c> header as is. A document handed to a write carries the etag it
/// was read with, or none.
/// </remarks>
public sealed record CatalogDocument
{
    public required TenantId Tenant { get; init; }
    public required string Kind { get; init; }
    public required string Id { get; init; }
    public required JsonElement Body { get; init; }
    public IReadOnlyList<string> Refs { get; init; } = [];
    public string Etag { get; init; } = "";

    /// <summary>The reference another document holds to this one.</summary>
    public string Reference => RefTo(Kind, Id);

    public static string RefTo(string kind, string id) => $"{kind}/{id}";
}
