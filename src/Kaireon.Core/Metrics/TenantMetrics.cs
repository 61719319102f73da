using System.Collections.Concurrent;
using Kaireon.Core.Catalog;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Metrics;

/// <summary>
/// A tenant's behavioral metrics, compiled, for the stream and decisions: read from the catalog at
/// most every <see cref="MaxAge"/> per tenant (design §3's bounded staleness), and at once after a
/// change made through this instance. A stale list costs speed, never exactness: buckets carry
/// their metric's version, and readers rebuild what does not match.
/// </summary>
public sealed class TenantMetrics(CatalogService catalog, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<TenantId, (DateTimeOffset LoadedAt, IReadOnlyList<CompiledMetric> Metrics)> _cache = new();

    public async Task<IReadOnlyList<CompiledMetric>> GetAsync(TenantId tenant, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(tenant, out var cached) && now - cached.LoadedAt < MaxAge) return cached.Metrics;
        var metrics = (await catalog.ListAllAsync(BehavioralMetric.Kind, tenant, ct))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .Select(m => Reuse(cached.Metrics, m) ?? new CompiledMetric(m))
            .ToList();
        _cache[tenant] = (now, metrics);
        return metrics;
    }

    public void Invalidate(TenantId tenant) => _cache.TryRemove(tenant, out _);

    /// <summary>
    /// A metric by id, or by the key rules use (<c>email_impression_7d</c> for <c>bm_email_impression_7d</c>).
    /// </summary>
    public static CompiledMetric? Find(IReadOnlyList<CompiledMetric> metrics, string idOrKey) =>
        metrics.FirstOrDefault(m => m.Id == idOrKey) ?? metrics.FirstOrDefault(m => m.Id == BehavioralMetric.Kind.IdPrefix + idOrKey);

    // Compiling a filter can cost (regular expressions): an unchanged metric keeps its compiled form.
    private static CompiledMetric? Reuse(IReadOnlyList<CompiledMetric>? previous, BehavioralMetric metric) =>
        previous?.FirstOrDefault(c => c.Id == metric.Id && c.Metric.Etag == metric.Etag);
}
