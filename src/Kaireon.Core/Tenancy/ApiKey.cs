using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tenancy;

/// <summary>
/// An API key as its tenant sees it: never the secret, which is shown once at creation and stored
/// only as HMAC-SHA256(pepper, secret). <see cref="Prefix"/> (the first characters) lets a person
/// tell keys apart.
/// </summary>
public sealed record ApiKey : CatalogEntity
{
    public string Name { get; set; } = "";
    public List<ApiScope>? Scopes { get; init; }
    public string? Prefix { get; init; }
    public bool Revoked { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Hex HMAC of the secret: the id of its lookup document. Not sent to clients.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Hash { get; init; }

    public static readonly CatalogKind<ApiKey> Kind = new()
    {
        Name = "api_key",
        Route = "api-keys",
        IdPrefix = "key_",
        Title = "API key",
        Json = KaireonJson.Default.ApiKey,
        Validate = static (k, errors) =>
        {
            errors.RequiredText("name", k.Name, 100);
            if (k.Scopes is null || k.Scopes.Count == 0) errors.Add("scopes", "is required: at least one of admin, runtime, read.");
            else if (k.Scopes.Distinct().Count() != k.Scopes.Count) errors.Add("scopes", "must not repeat a scope.");
        },
    };
}

/// <summary>
/// The document in the reserved <c>_keys</c> partition (id = the key's hash) that resolves a
/// presented key to its tenant without knowing the tenant first.
/// </summary>
public sealed record ApiKeyLookup
{
    public const string KindName = "key_lookup";

    public required string Hash { get; init; }
    public required string TenantId { get; init; }
    public required string KeyId { get; init; }
    public required List<ApiScope> Scopes { get; init; }
    public bool Revoked { get; init; }
}
