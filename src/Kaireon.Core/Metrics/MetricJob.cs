using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Metrics;

/// <summary>
/// The background work of one metric (catalog document <c>metric_job</c> in the reserved
/// <c>_system</c> partition, so the timer finds every tenant's jobs with one query): the backfill of
/// its current version, and when batch snapshots were last computed.
/// </summary>
public sealed record MetricJob
{
    public const string Kind = "metric_job";

    /// <summary>The tenant's id (a string: the reserved partition holds every tenant's jobs).</summary>
    public required string Tenant { get; init; }
    public required string MetricId { get; init; }
    public required string Version { get; init; }
    public BackfillState State { get; set; } = BackfillState.Pending;

    /// <summary>Customers whose buckets the backfill has brought to <see cref="Version"/>.</summary>
    public long Processed { get; set; }

    /// <summary>The last customer id backfilled; customers are visited in id order.</summary>
    public string? Cursor { get; init; }

    /// <summary>When the last batch computation started; customers changed since then are due.</summary>
    public DateTimeOffset? LastBatchRunAt { get; init; }

    public static string DocumentId(TenantId tenant, string metricId) => $"{tenant.Value}|{metricId}";
}
