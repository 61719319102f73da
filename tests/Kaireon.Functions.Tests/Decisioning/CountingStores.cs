using System.Collections.Concurrent;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kaireon.Functions.Tests.Decisioning;

/// <summary>
/// Counting decorators on the four storage ports, per tenant: what a request costs in store
/// operations (in Cosmos, the bill). <see cref="Register"/> wraps the app's own adapters. Operations
/// of work marked <see cref="BackgroundWork"/> (the stream consumer, timers, workers) are counted
/// apart, as <c>background:</c>, so a request's own round trips are not mixed with the stream's.
/// </summary>
internal sealed class CountingStores
{
    private readonly ConcurrentDictionary<(string Tenant, string Operation), int> _counts = new();

    /// <summary>The requests' own operations.</summary>
    public int For(string tenant) => _counts.Where(c => c.Key.Tenant == tenant && !c.Key.Operation.StartsWith(Background, StringComparison.Ordinal)).Sum(c => c.Value);

    private const string Background = "background:";

    public string Describe(string tenant) =>
        string.Join(", ", _counts.Where(c => c.Key.Tenant == tenant && c.Value > 0).OrderBy(c => c.Key.Operation).Select(c => $"{c.Key.Operation} {c.Value}"));

    public void Reset() => _counts.Clear();

    private void Count(TenantId tenant, string operation) =>
        _counts.AddOrUpdate((tenant.Value, BackgroundWork.IsCurrent ? Background + operation : operation), 1, (_, n) => n + 1);

    /// <summary>Replaces each port's registration with a counting decorator around it.</summary>
    public void Register(IServiceCollection services)
    {
        Decorate<ICatalogStore>(services, inner => new Catalog(inner, this));
        Decorate<ITraceStore>(services, inner => new Traces(inner, this));
        Decorate<ICustomerStore>(services, inner => new Customers(inner, this));
        Decorate<IRollupStore>(services, inner => new Rollups(inner, this));
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap) where T : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(T));
        services.RemoveAll<T>();
        services.AddSingleton(sp => wrap((T)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
    }

    private sealed class Catalog(ICatalogStore inner, CountingStores counts) : ICatalogStore
    {
        public Task<CatalogDocument?> FindAsync(TenantId tenant, string kind, string id, CancellationToken ct) { counts.Count(tenant, $"catalog.find({kind})"); return inner.FindAsync(tenant, kind, id, ct); }
        public Task<IReadOnlyList<CatalogDocument>> ListAsync(TenantId tenant, string kind, CancellationToken ct) { counts.Count(tenant, $"catalog.list({kind})"); return inner.ListAsync(tenant, kind, ct); }
        public Task<IReadOnlyList<CatalogDocument>> FindReferencingAsync(TenantId tenant, string reference, CancellationToken ct) { counts.Count(tenant, "catalog.referencing"); return inner.FindReferencingAsync(tenant, reference, ct); }
        public Task<WriteResult<CatalogDocument>> CreateAsync(CatalogDocument document, CancellationToken ct) { counts.Count(document.Tenant, "catalog.create"); return inner.CreateAsync(document, ct); }
        public Task<WriteResult<CatalogDocument>> ReplaceAsync(CatalogDocument document, string? ifMatch, CancellationToken ct) { counts.Count(document.Tenant, "catalog.replace"); return inner.ReplaceAsync(document, ifMatch, ct); }
        public Task<WriteStatus> DeleteAsync(TenantId tenant, string kind, string id, string? ifMatch, CancellationToken ct) { counts.Count(tenant, "catalog.delete"); return inner.DeleteAsync(tenant, kind, id, ifMatch, ct); }
    }

    private sealed class Traces(ITraceStore inner, CountingStores counts) : ITraceStore
    {
        public Task AppendAsync(TraceRecord record, CancellationToken ct) { counts.Count(record.Tenant, $"traces.append({record.Kind})"); return inner.AppendAsync(record, ct); }
        public Task<TraceRecord?> FindAsync(TenantId tenant, string kind, string id, CancellationToken ct) { counts.Count(tenant, $"traces.find({kind})"); return inner.FindAsync(tenant, kind, id, ct); }
        public Task<IReadOnlyList<TraceRecord>> ListAsync(TenantId tenant, string kind, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) { counts.Count(tenant, $"traces.list({kind})"); return inner.ListAsync(tenant, kind, from, to, ct); }
        public Task<int> PurgeExpiredAsync(CancellationToken ct) => inner.PurgeExpiredAsync(ct);
    }

    private abstract class Partitioned(IPartitionedStore inner, CountingStores counts, string name) : IPartitionedStore
    {
        public Task<PartitionedDocument?> FindAsync(DocumentPartition partition, string id, CancellationToken ct) { counts.Count(partition.Tenant, $"{name}.find"); return inner.FindAsync(partition, id, ct); }
        public Task<int> DeleteRangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct) { counts.Count(partition.Tenant, $"{name}.delete"); return inner.DeleteRangeAsync(partition, fromId, toId, ct); }
        public Task<IReadOnlyList<PartitionedDocument>> RangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct) { counts.Count(partition.Tenant, $"{name}.range"); return inner.RangeAsync(partition, fromId, toId, ct); }
        public Task<IReadOnlyList<PartitionedDocument>> ReadAsync(DocumentPartition partition, IReadOnlyCollection<string> ids, IdRange? range, CancellationToken ct) { counts.Count(partition.Tenant, $"{name}.read"); return inner.ReadAsync(partition, ids, range, ct); }
        public Task<WriteResult<PartitionedDocument>> CreateAsync(PartitionedDocument document, CancellationToken ct) { counts.Count(document.Partition.Tenant, $"{name}.create"); return inner.CreateAsync(document, ct); }
        public Task<WriteResult<PartitionedDocument>> ReplaceAsync(PartitionedDocument document, string? ifMatch, CancellationToken ct) { counts.Count(document.Partition.Tenant, $"{name}.replace"); return inner.ReplaceAsync(document, ifMatch, ct); }
    }

    private sealed class Customers(ICustomerStore inner, CountingStores counts) : Partitioned(inner, counts, "customers"), ICustomerStore;

    private sealed class Rollups(IRollupStore inner, CountingStores counts) : Partitioned(inner, counts, "rollups"), IRollupStore;
}
