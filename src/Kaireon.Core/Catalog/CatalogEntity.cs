namespace Kaireon.Core.Catalog;

/// <summary>
/// What every configuration entity carries besides its own fields. On input the server fields are
/// ignored: <see cref="Id"/> may be given (else it is generated with the kind's prefix), and
/// <see cref="CreatedAt"/>, <see cref="UpdatedAt"/> and <see cref="Etag"/> are always set by the
/// server.
/// </summary>
/// <remarks>
/// Entity properties that have a default use <c>set</c>, not <c>init</c>: the System.Text.Json source
/// generator passes every init-only property through the object initializer, so an omitted field
/// would arrive as <c>default</c> (0, null) instead of the declared default.
/// </remarks>
public abstract record CatalogEntity
{
    public string? Id { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? Etag { get; init; }
}
