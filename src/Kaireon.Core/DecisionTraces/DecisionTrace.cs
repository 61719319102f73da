using System.Text.Json;

namespace Kaireon.Core.DecisionTraces;

/// <summary>
/// How one Recommend call was decided (glossary: Decision Trace): the request, the candidates each
/// node kept and removed with the rule that removed them, the scores, and the final order.
/// Sampled at the tenant's <c>decisionTraceSampleRate</c> or forced by <c>debug</c>.
/// </summary>
public sealed record DecisionTrace
{
    public required string Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string CustomerId { get; init; }
    public string? RecommendationId { get; init; }
    public string? DecisionFlowKey { get; init; }
    public int? DecisionFlowVersion { get; init; }

    /// <summary>True when the call asked for it (<c>debug</c>), false when sampled.</summary>
    public bool Forced { get; init; }

    public double DurationMs { get; init; }
    public JsonElement? Request { get; init; }
    public IReadOnlyList<NodeTrace> Nodes { get; init; } = [];
    public IReadOnlyList<CandidateScore> Scores { get; init; } = [];
    public IReadOnlyList<TracedDecision> Decisions { get; init; } = [];
}

/// <summary>One node's effect: candidates in and out, and why each removed one went.</summary>
public sealed record NodeTrace(string NodeId, string Type, int CandidatesIn, int CandidatesOut, IReadOnlyList<RemovedCandidate> Removed, string? Note = null);

/// <summary>A candidate a node removed, and the rule or reason that removed it.</summary>
public sealed record RemovedCandidate(string OfferId, string Reason, string? RuleId = null);

/// <summary>A candidate's score and where it came from (model, basis).</summary>
public sealed record CandidateScore(string OfferId, string? CreativeId, double Score, double? Propensity = null, string? Basis = null);

/// <summary>A returned decision, in rank order.</summary>
public sealed record TracedDecision(int Rank, string OfferId, string? CreativeId, double Score);
