using System.Text.Json;

namespace Kaireon.Core.Customers;

/// <summary>
/// A customer's stored profile (<c>GET /api/v1/customers/{id}</c>): attributes and segments that
/// Recommend merges with the request's (request attributes override stored ones for one call; the
/// segments of both count). Kept in the customers container, in the customer's own partition.
/// </summary>
public sealed record CustomerProfile
{
    public required string Id { get; init; }
    public Dictionary<string, JsonElement> Attributes { get; init; } = [];
    public List<string> Segments { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Set from the store on reads, never stored.</summary>
    public string? Etag { get; init; }
}

/// <summary>The body of <c>PUT /api/v1/customers/{id}</c>: the whole profile, replacing the stored one.</summary>
public sealed record CustomerProfileInput
{
    public Dictionary<string, JsonElement>? Attributes { get; init; }
    public List<string?>? Segments { get; init; }
}
