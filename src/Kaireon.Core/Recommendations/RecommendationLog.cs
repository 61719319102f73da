using System.Text.Json;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Recommendations;

/// <summary>
/// Recorded recommendations, in the traces container (one append per Recommend call, one point read
/// per Respond that names one) with a time to live: Cosmos expires them itself, and the hourly
/// <c>PurgeExpiredTraces</c> reclaims them standalone.
/// </summary>
public sealed class RecommendationLog(ITraceStore traces)
{
    public const string Kind = "recommendation";

    /// <summary>How long a Respond can still name a decision by recommendation id and rank.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public Task RecordAsync(TenantId tenant, RecordedRecommendation recommendation, CancellationToken ct) =>
        traces.AppendAsync(new TraceRecord
        {
            Tenant = tenant,
            Kind = Kind,
            Id = recommendation.Id,
            At = recommendation.At,
            Body = JsonSerializer.SerializeToElement(recommendation, KaireonJson.Default.RecordedRecommendation),
            TimeToLiveSeconds = (int)Retention.TotalSeconds,
        }, ct);

    public async Task<RecordedRecommendation?> FindAsync(TenantId tenant, string id, CancellationToken ct) =>
        await traces.FindAsync(tenant, Kind, id, ct) is { } record
            ? record.Body.Deserialize(KaireonJson.Default.RecordedRecommendation)
            : null;
}
