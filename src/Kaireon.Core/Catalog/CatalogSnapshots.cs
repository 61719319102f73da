using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Catalog;

/// <summary>
/// Each tenant's catalog in memory (design §3): the hot paths (Respond, events, Recommend) read
/// offers, creatives, channels and the rest from here, never from the store per request. A kind is
/// loaded once (one single-partition query) and reloaded when the tenant's catalog version changes;
/// the version document is checked at most every <see cref="MaxStaleness"/>, and a change made
/// through this instance is seen at once.
/// </summary>
public sealed class CatalogSnapshots(ICatalogStore store, TimeProvider clock)
{
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(5);

    /// <summary>The document every catalog write bumps (kind <c>catalog_version</c>, id <c>current</c>).</summary>
    public const string VersionKind = "catalog_version";
    public const string VersionId = "current";

    private readonly ConcurrentDictionary<TenantId, TenantState> _tenants = new();

    public async ValueTask<CatalogSet<T>> GetAsync<T>(TenantId tenant, CatalogKind<T> kind, CancellationToken ct) where T : CatalogEntity
    {
        var state = _tenants.GetOrAdd(tenant, static _ => new TenantState());
        var version = await VersionAsync(tenant, state, ct);
        if (state.Sets.TryGetValue(kind.Name, out var cached) && cached.Version == version) return (CatalogSet<T>)cached.Set;
        var entities = await store.ListAsync(tenant, kind.Name, ct);
        var set = new CatalogSet<T>([.. entities.Select(d => CatalogService.ToEntity(kind, d)).OrderBy(e => e.Id, StringComparer.Ordinal)]);
        state.Sets[kind.Name] = (version, set);
        return set;
    }

    /// <summary>
    /// A value derived from the tenant's catalog (a compiled form, an index), built by
    /// <paramref name="build"/> once per catalog version and shared until the next change.
    /// </summary>
    public async ValueTask<T> GetDerivedAsync<T>(TenantId tenant, string name, Func<CancellationToken, Task<T>> build, CancellationToken ct) where T : class
    {
        var state = _tenants.GetOrAdd(tenant, static _ => new TenantState());
        var version = await VersionAsync(tenant, state, ct);
        var key = $"derived|{name}";
        if (state.Sets.TryGetValue(key, out var cached) && cached.Version == version) return (T)cached.Set;
        var value = await build(ct);
        state.Sets[key] = (version, value);
        return value;
    }

    /// <summary>Forgets what is cached for the tenant: called after a write through this instance.</summary>
    public void Invalidate(TenantId tenant) => _tenants.TryRemove(tenant, out _);

    /// <summary>Marks the tenant's catalog changed for every instance (one upsert of the version document).</summary>
    public async Task BumpAsync(TenantId tenant, CancellationToken ct)
    {
        Invalidate(tenant);
        var document = new CatalogDocument
        {
            Tenant = tenant,
            Kind = VersionKind,
            Id = VersionId,
            Body = JsonSerializer.SerializeToElement(Guid.NewGuid().ToString("N"), Json.KaireonJson.Default.String),
        };
        var created = await store.CreateAsync(document, ct);
        if (created.Status == WriteStatus.Conflict) await store.ReplaceAsync(document, ifMatch: null, ct);
    }

    private async ValueTask<string> VersionAsync(TenantId tenant, TenantState state, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (state.Version is { } known && now - state.CheckedAt < MaxStaleness) return known;
        var document = await store.FindAsync(tenant, VersionKind, VersionId, ct);
        state.Version = document?.Etag ?? "";
        state.CheckedAt = now;
        return state.Version;
    }

    private sealed class TenantState
    {
        public string? Version;
        public DateTimeOffset CheckedAt;
        public readonly ConcurrentDictionary<string, (string Version, object Set)> Sets = new(StringComparer.Ordinal);
    }
}

/// <summary>All entities of one kind in a tenant, in id order, with lookup by id.</summary>
public sealed class CatalogSet<T>(IReadOnlyList<T> all) where T : CatalogEntity
{
    private readonly FrozenDictionary<string, T> _byId = all.ToFrozenDictionary(e => e.Id!, StringComparer.Ordinal);

    public IReadOnlyList<T> All => all;

    public T? Find(string id) => _byId.GetValueOrDefault(id);
}
