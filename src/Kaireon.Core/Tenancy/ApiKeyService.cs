using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kaireon.Core.Audit;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Validation;
using Microsoft.Extensions.Options;

namespace Kaireon.Core.Tenancy;

/// <summary>
/// Issues, resolves and revokes API keys. A key is <c>krn_</c> + 32 random bytes (base64url); only
/// its HMAC is stored, twice: in the tenant's key document and as the id of a lookup document in
/// the reserved <c>_keys</c> partition, which resolves a key without knowing its tenant. Resolved
/// keys are cached for at most <see cref="ApiKeyOptions.CacheSeconds"/>; a revocation evicts the key
/// on this instance at once, and everywhere within that time.
/// </summary>
public sealed class ApiKeyService(ICatalogStore store, AuditLog audit, TimeProvider clock, IOptions<ApiKeyOptions> options)
{
    public const string SecretPrefix = "krn_";
    private readonly byte[] _pepper = Encoding.UTF8.GetBytes(options.Value.ApiKeyPepper);
    private readonly TimeSpan _cacheFor = TimeSpan.FromSeconds(options.Value.CacheSeconds);
    private readonly ConcurrentDictionary<string, (ApiKeyIdentity? Identity, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>The created key (without secret) and the secret, which is never shown again.</summary>
    public sealed record Issued(ApiKey Key, string Secret);

    public async Task<CatalogResult<Issued>> CreateAsync(
        TenantId tenant, string? name, IReadOnlyList<ApiScope>? scopes, Actor actor, CancellationToken ct, string? secret = null, string? keyId = null)
    {
        var now = clock.GetUtcNow();
        secret ??= NewSecret();
        var hash = Hash(secret);
        var key = new ApiKey
        {
            Id = keyId ?? EntityId.New(ApiKey.Kind.IdPrefix),
            Name = name ?? "",
            Scopes = scopes?.ToList(),
            Prefix = secret[..Math.Min(secret.Length, 8)],
            Hash = hash,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var errors = new ValidationErrors();
        ApiKey.Kind.Validate(key, errors);
        if (errors.Any) return CatalogResult<Issued>.Invalid(errors);

        // The lookup first: a key document without a lookup would list a key that cannot authenticate.
        var lookup = new ApiKeyLookup { Hash = hash, TenantId = tenant.Value, KeyId = key.Id, Scopes = key.Scopes! };
        if (!(await store.CreateAsync(LookupDocument(lookup), ct)).Ok)
            return CatalogResult<Issued>.Conflict("This key is already registered.");
        var written = await store.CreateAsync(CatalogService.ToDocument(ApiKey.Kind, tenant, key), ct);
        if (!written.Ok)
        {
            await store.DeleteAsync(TenantId.KeyLookup, ApiKeyLookup.KindName, hash, null, ct);
            return CatalogResult<Issued>.Conflict($"API key '{key.Id}' already exists.");
        }
        await audit.RecordAsync(tenant, actor, ApiKey.Kind.Name, key.Id, AuditAction.Create, null, written.Document!.Etag, ct);
        return new CatalogResult<Issued>(CatalogOutcome.Created, new Issued(Public(key with { Etag = written.Document.Etag }), secret));
    }

    public async Task<Page<ApiKey>> ListAsync(TenantId tenant, int limit, string? cursor, CancellationToken ct)
    {
        var documents = await store.ListAsync(tenant, ApiKey.Kind.Name, ct);
        return Paging.Of(documents.Select(d => Public(CatalogService.ToEntity(ApiKey.Kind, d))), k => k.Id!, limit, cursor);
    }

    public async Task<bool> AnyAsync(TenantId tenant, CancellationToken ct) =>
        (await store.ListAsync(tenant, ApiKey.Kind.Name, ct)).Count > 0;

    public async Task<CatalogResult<ApiKey>> RevokeAsync(TenantId tenant, string keyId, Actor actor, CancellationToken ct)
    {
        var document = EntityId.IsValid(keyId) ? await store.FindAsync(tenant, ApiKey.Kind.Name, keyId, ct) : null;
        if (document is null) return CatalogResult<ApiKey>.NotFound();
        var key = CatalogService.ToEntity(ApiKey.Kind, document);
        if (key.Revoked) return new CatalogResult<ApiKey>(CatalogOutcome.Deleted, Public(key));

        // The lookup decides authentication, so it is revoked first: from here on the key fails.
        if (await store.FindAsync(TenantId.KeyLookup, ApiKeyLookup.KindName, key.Hash!, ct) is { } lookupDocument)
        {
            var lookup = lookupDocument.Body.Deserialize(KaireonJson.Default.ApiKeyLookup)! with { Revoked = true };
            await store.ReplaceAsync(LookupDocument(lookup), null, ct);
        }
        _cache.TryRemove(key.Hash!, out _);
        var revoked = key with { Revoked = true, RevokedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow() };
        var written = await store.ReplaceAsync(CatalogService.ToDocument(ApiKey.Kind, tenant, revoked), null, ct);
        await audit.RecordAsync(tenant, actor, ApiKey.Kind.Name, keyId, AuditAction.Delete, document.Etag, written.Document?.Etag, ct, "revoked");
        return new CatalogResult<ApiKey>(CatalogOutcome.Deleted, Public(revoked));
    }

    /// <summary>The identity of a presented key, or null when it is unknown, malformed or revoked.</summary>
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string presented, CancellationToken ct)
    {
        if (!presented.StartsWith(SecretPrefix, StringComparison.Ordinal) || presented.Length > 200) return null;
        var hash = Hash(presented);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now) return cached.Identity;

        ApiKeyIdentity? identity = null;
        if (await store.FindAsync(TenantId.KeyLookup, ApiKeyLookup.KindName, hash, ct) is { } document)
        {
            var lookup = document.Body.Deserialize(KaireonJson.Default.ApiKeyLookup)!;
            var matches = CryptographicOperations.FixedTimeEquals(Convert.FromHexString(lookup.Hash), Convert.FromHexString(hash));
            if (matches && !lookup.Revoked && TenantId.IsValid(lookup.TenantId))
                identity = new ApiKeyIdentity(TenantId.Parse(lookup.TenantId), lookup.KeyId, lookup.Scopes.ToHashSet());
        }
        _cache[hash] = (identity, now + _cacheFor);
        return identity;
    }

    /// <summary>Whether the secret is registered already (the bootstrap key is created once).</summary>
    public async Task<bool> IsRegisteredAsync(string secret, CancellationToken ct) =>
        await store.FindAsync(TenantId.KeyLookup, ApiKeyLookup.KindName, Hash(secret), ct) is not null;

    public string Hash(string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_pepper, Encoding.UTF8.GetBytes(secret)));

    private static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ApiKey Public(ApiKey key) => key with { Hash = null };

    private static CatalogDocument LookupDocument(ApiKeyLookup lookup) => new()
    {
        Tenant = TenantId.KeyLookup,
        Kind = ApiKeyLookup.KindName,
        Id = lookup.Hash,
        Body = JsonSerializer.SerializeToElement(lookup, KaireonJson.Default.ApiKeyLookup),
    };
}
