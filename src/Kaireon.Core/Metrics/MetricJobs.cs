using System.Text.Json;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Microsoft.Extensions.Logging;

namespace Kaireon.Core.Metrics;

/// <summary>
/// Runs every metric's background work on the timer (<c>RecomputeBatchMetrics</c>): backfills a new
/// or changed metric into every customer's buckets, a slice of customers per tick, and recomputes a
/// batch metric's snapshots for the customers changed since its last run once its
/// <c>batchIntervalMin</c> has passed. Each step is idempotent, so overlapping or repeated ticks are safe.
/// </summary>
public sealed partial class MetricJobs(
    ICatalogStore store, TenantMetrics tenantMetrics, ChangedCustomers changes, CustomerMetrics customerMetrics,
    TimeProvider clock, ILogger<MetricJobs> logger)
{
    /// <summary>Customers backfilled per metric per tick, so one tick stays short whatever the tenant's size.</summary>
    public const int BackfillSlice = 500;

    public sealed record RunSummary(int Jobs, long Backfilled, long Snapshots);

    /// <summary>Starts (or keeps) the job of a metric just created or changed.</summary>
    public async Task ScheduleAsync(TenantId tenant, BehavioralMetric metric, CancellationToken ct)
    {
        tenantMetrics.Invalidate(tenant);
        var version = metric.ComputationVersion();
        var id = MetricJob.DocumentId(tenant, metric.Id!);
        var current = await store.FindAsync(TenantId.System, MetricJob.Kind, id, ct);
        if (current is not null && Read(current).Version == version) return;
        var job = new MetricJob { Tenant = tenant.Value, MetricId = metric.Id!, Version = version };
        if (current is null) await store.CreateAsync(Document(job), ct);
        else await store.ReplaceAsync(Document(job), ifMatch: null, ct);
    }

    public async Task RemoveAsync(TenantId tenant, string metricId, CancellationToken ct)
    {
        tenantMetrics.Invalidate(tenant);
        await store.DeleteAsync(TenantId.System, MetricJob.Kind, MetricJob.DocumentId(tenant, metricId), ifMatch: null, ct);
    }

    /// <summary>The metric's <c>backfill</c> field: where its job stands (null when it has none).</summary>
    public async Task<MetricBackfill?> BackfillOfAsync(TenantId tenant, BehavioralMetric metric, CancellationToken ct)
    {
        var document = await store.FindAsync(TenantId.System, MetricJob.Kind, MetricJob.DocumentId(tenant, metric.Id!), ct);
        if (document is null) return null;
        var job = Read(document);
        return job.Version == metric.ComputationVersion() ? new MetricBackfill(job.State, job.Processed) : new MetricBackfill(BackfillState.Pending, 0);
    }

    public async Task<RunSummary> RunAsync(CancellationToken ct)
    {
        var documents = await store.ListAsync(TenantId.System, MetricJob.Kind, ct);
        long backfilled = 0, snapshots = 0;
        foreach (var document in documents)
        {
            try
            {
                var (b, s) = await RunAsync(document, ct);
                backfilled += b;
                snapshots += s;
            }
            catch (StoreUnavailableException e)
            {
                // The next tick picks the job up where its document says it stands.
                logger.LogWarning(e, "Metric job {Job} deferred: the store is unavailable.", document.Id);
            }
        }
        return new RunSummary(documents.Count, backfilled, snapshots);
    }

    private async Task<(long Backfilled, long Snapshots)> RunAsync(CatalogDocument document, CancellationToken ct)
    {
        var job = Read(document);
        var tenant = TenantId.Parse(job.Tenant);
        tenantMetrics.Invalidate(tenant);
        var metrics = await tenantMetrics.GetAsync(tenant, ct);
        if (metrics.FirstOrDefault(m => m.Id == job.MetricId) is not { } metric)
        {
            await store.DeleteAsync(TenantId.System, MetricJob.Kind, document.Id, document.Etag, ct);
            return (0, 0);
        }

        var next = job.Version == metric.Version ? job : new MetricJob { Tenant = job.Tenant, MetricId = job.MetricId, Version = metric.Version };
        long backfilled = 0, snapshots = 0;
        if (next.State != BackfillState.Complete)
        {
            var customers = metric.Maintained ? await changes.SinceAsync(tenant, since: null, ct) : [];
            var slice = customers.Where(c => next.Cursor is null || string.CompareOrdinal(c, next.Cursor) > 0).Take(BackfillSlice).ToList();
            foreach (var customer in slice) await customerMetrics.UpdateAsync(tenant, customer, metrics, [], ct);
            backfilled = slice.Count;
            var done = slice.Count < BackfillSlice || string.CompareOrdinal(slice[^1], customers[^1]) >= 0;
            next = next with { Processed = next.Processed + slice.Count, Cursor = slice.Count > 0 ? slice[^1] : next.Cursor, State = done ? BackfillState.Complete : BackfillState.Running };
            LogBackfilled(logger, backfilled, job.MetricId, job.Tenant, done);
        }

        var now = clock.GetUtcNow();
        if (metric.Metric.ComputeMode == ComputeMode.Batch && metric.Maintained
            && (next.LastBatchRunAt is not { } last || now - last >= TimeSpan.FromMinutes(metric.Metric.BatchIntervalMin)))
        {
            var changed = await changes.SinceAsync(tenant, next.LastBatchRunAt, ct);
            foreach (var customer in changed) await customerMetrics.SnapshotAsync(tenant, customer, metrics, [metric], ct);
            snapshots = changed.Count;
            next = next with { LastBatchRunAt = now };
            LogRecomputed(logger, job.MetricId, job.Tenant, snapshots);
        }

        // Conditioned on the etag read: a concurrent tick or a definition change wins, and this one's work is redone or superseded.
        if (next != job) await store.ReplaceAsync(Document(next), document.Etag, ct);
        return (backfilled, snapshots);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfilled {Count} customers of metric {Metric} in {Tenant}; done: {Done}.")]
    private static partial void LogBackfilled(ILogger logger, long count, string metric, string tenant, bool done);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recomputed batch metric {Metric} in {Tenant} for {Count} changed customers.")]
    private static partial void LogRecomputed(ILogger logger, string metric, string tenant, long count);

    private static MetricJob Read(CatalogDocument document) => document.Body.Deserialize(KaireonJson.Default.MetricJob)!;

    private static CatalogDocument Document(MetricJob job) => new()
    {
        Tenant = TenantId.System,
        Kind = MetricJob.Kind,
        Id = $"{job.Tenant}|{job.MetricId}",
        Body = JsonSerializer.SerializeToElement(job, KaireonJson.Default.MetricJob),
    };
}
