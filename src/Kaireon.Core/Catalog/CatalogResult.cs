using Kaireon.Core.Validation;

namespace Kaireon.Core.Catalog;

public enum CatalogOutcome
{
    Ok,
    Created,
    Deleted,
    /// <summary>Fields are malformed or out of range (400).</summary>
    Invalid,
    /// <summary>Well-formed but semantically invalid: a reference to something missing (422).</summary>
    Unprocessable,
    NotFound,
    /// <summary>A duplicate id, or a delete of something still referenced (409).</summary>
    Conflict,
    PreconditionFailed,
}

/// <summary>The result of a catalog operation, mapped one to one onto an HTTP answer.</summary>
public sealed record CatalogResult<T>(CatalogOutcome Outcome, T? Entity = default, ValidationErrors? Errors = null, string? Detail = null)
{
    public static CatalogResult<T> Invalid(ValidationErrors errors) => new(CatalogOutcome.Invalid, Errors: errors);
    public static CatalogResult<T> NotFound() => new(CatalogOutcome.NotFound);
    public static CatalogResult<T> Conflict(string detail) => new(CatalogOutcome.Conflict, Detail: detail);
    public static CatalogResult<T> PreconditionFailed() => new(CatalogOutcome.PreconditionFailed, Detail: "The entity changed since it was read: its etag does not match If-Match.");
}
