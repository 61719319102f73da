using System.Text.Json.Serialization.Metadata;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Catalog;

/// <summary>
/// A reference from one entity to another, with the JSON path of the field that holds it. A null
/// <see cref="Id"/> is an optional reference left empty: it is neither checked nor stored.
/// </summary>
public readonly record struct EntityReference(string Path, string Kind, string? Id);

/// <summary>
/// Everything the generic catalog service needs to know about one entity type: its stored kind,
/// route, id prefix, JSON contract, validation and references. One instance per type, in the
/// type's own folder, so a new resource is one descriptor and no new CRUD code.
/// </summary>
public sealed class CatalogKind<T> where T : CatalogEntity
{
    /// <summary>The stored kind, snake_case: <c>sub_category</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The resource path under <c>/api/v1</c>: <c>sub-categories</c>.</summary>
    public required string Route { get; init; }

    /// <summary>The prefix of generated ids: <c>subcat_</c>.</summary>
    public required string IdPrefix { get; init; }

    /// <summary>The glossary name, for messages and API docs: <c>Sub-Category</c>.</summary>
    public required string Title { get; init; }

    public required JsonTypeInfo<T> Json { get; init; }

    /// <summary>Adds every problem of the entity's own fields (no store access).</summary>
    public required Action<T, ValidationErrors> Validate { get; init; }

    /// <summary>The entities this one refers to; each given one must exist in the tenant.</summary>
    public Func<T, IEnumerable<EntityReference>> References { get; init; } = static _ => [];

    /// <summary>Rules that need the referenced entities (a sub-category of the offer's category, …).</summary>
    public Action<T, ReferencedEntities, ValidationErrors>? ValidateWithReferences { get; init; }

    /// <summary>Fills server-owned or derived fields before a write (e.g. an id taken from a key).</summary>
    public Func<T, T> Normalize { get; init; } = static e => e;

    /// <summary>How many entities of this kind a tenant may hold (null: no limit); one more answers 409.</summary>
    public int? MaxPerTenant { get; init; }

    /// <summary>
    /// Whether a delete may override references with <c>force</c>: the dependents are then left
    /// dangling and named in the audit log (rules referencing a metric treat it as absent).
    /// </summary>
    public bool ForceDeletable { get; init; }

    /// <summary>Why an entity may not be deleted regardless of references (a system default), or null.</summary>
    public Func<T, string?> UndeletableReason { get; init; } = static _ => null;
}
