using System.Text.Json;

namespace Kaireon.Core.Decisioning;

/// <summary>What Recommend answers (the contract's response), before it is written as JSON.</summary>
public sealed record RecommendResult(
    string RecommendationId,
    string CustomerId,
    string? DecisionFlowKey,
    IReadOnlyList<Decision> Decisions,
    IReadOnlyList<DecisionGroup>? Groups,
    string? TraceId,
    IReadOnlyList<KeyValuePair<string, int>>? Funnel,
    double DurationMs);

/// <summary>One returned decision; <see cref="Rank"/> is 1-based and what Respond names with the recommendation id.</summary>
public sealed record Decision(
    int Rank, string OfferId, string OfferName, string? CategoryId, string? CreativeId, string? ChannelId, string? PlacementId,
    double Score, double? Propensity, IReadOnlyDictionary<string, JsonElement>? Personalization, IReadOnlyDictionary<string, JsonElement> Properties);

/// <summary>The decisions of one placement of a grouped (multi-placement) response.</summary>
public sealed record DecisionGroup(string Placement, IReadOnlyList<Decision> Decisions);

/// <summary>Why Recommend could not run, and the HTTP status that says so.</summary>
public sealed class RecommendException(string field, string message, RecommendFailure failure = RecommendFailure.NotFound) : Exception(message)
{
    public string Field { get; } = field;
    public RecommendFailure Failure { get; } = failure;
}

/// <summary>A flow named but not published (404), a flow that cannot run as configured — a call cycle or depth (422), a node this version cannot run (501).</summary>
public enum RecommendFailure { NotFound, Unprocessable, NotImplemented }
