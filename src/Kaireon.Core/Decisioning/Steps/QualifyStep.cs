using Kaireon.Core.Conditions;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Interactions;
using Kaireon.Core.Metrics;
using Kaireon.Core.QualificationRules;
using Kaireon.Core.Scoring;

namespace Kaireon.Core.Decisioning.Steps;

/// <summary>
/// <c>qualify</c>: applies the qualification rules that apply to each candidate (by scope) — the
/// node's rules, or every active rule. Hard rules decide eligibility: all must pass, or the node's
/// <c>logic</c> tree of rule ids must hold (a rule that does not apply to the candidate counts as
/// passed). A failing soft rule keeps the candidate and multiplies its fit by the rule's multiplier.
/// </summary>
public static class QualifyStep
{
    public static List<Candidate> Run(QualifyConfig config, List<Candidate> candidates, DecisionContext context, List<RemovedCandidate> removed)
    {
        var named = config.NamedRuleIds();
        IReadOnlyList<QualificationRule> rules = named.Count > 0 ? [.. context.Rules.Where(r => named.Contains(r.Id!))] : context.Rules;
        if (rules.Count == 0) return candidates;
        var data = new CandidateData(context);
        var conditions = rules.OfType<AttributeConditionRule>().ToDictionary(r => r.Id!, r => CompiledConditions.Of(r.Config!, static c => c.ParseCondition()));
        var index = config.Logic is null ? null : rules.Select((r, i) => (r.Id!, i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.Ordinal);
        // Per candidate: null = the rule does not apply to it, else whether it passed. Rules whose
        // verdict cannot depend on the candidate are decided once per decision.
        var results = new bool?[rules.Count];
        var shared = new bool?[rules.Count];
        var isShared = rules.Select(r => IsShared(r, conditions)).ToArray();
        var kept = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            data.Candidate = candidate;
            QualificationRule? hardFailure = null;
            for (var r = 0; r < rules.Count; r++)
            {
                var rule = rules[r];
                results[r] = !Applies(rule, candidate, context) ? null
                    : isShared[r] ? shared[r] ??= Passes(rule, candidate, context, data, conditions)
                    : Passes(rule, candidate, context, data, conditions);
                if (hardFailure is null && results[r] == false && rule.Qualification == Qualification.Hard) hardFailure = rule;
            }
            var eligible = config.Logic is { } logic
                ? logic.Evaluate(id => !index!.TryGetValue(id, out var r) || results[r] != false || rules[r].Qualification == Qualification.Soft)
                : hardFailure is null;
            if (!eligible)
            {
                if (context.Traced) removed.Add(new RemovedCandidate(candidate.OfferId, "failed qualification", hardFailure?.Id ?? "logic"));
                continue;
            }
            for (var r = 0; r < rules.Count; r++)
            {
                if (results[r] == false && rules[r].Qualification == Qualification.Soft)
                    candidate.Fit *= rules[r].FitMultiplier ?? QualificationRule.DefaultFitMultiplier;
            }
            candidates[kept++] = candidate;
        }
        // Filtered in place: the list is this decision's own, handed on by the previous node.
        candidates.RemoveRange(kept, candidates.Count - kept);
        return candidates;
    }

    /// <summary>
    /// Whether a rule's verdict is the same for every candidate it applies to: segment rules, recency
    /// checks over all of the customer's history, and attribute conditions that read only the customer
    /// (<c>attributes.*</c>, <c>customer.*</c>).
    /// </summary>
    private static bool IsShared(QualificationRule rule, Dictionary<string, CompiledCondition> conditions) => rule switch
    {
        SegmentRequiredRule => true,
        AttributeConditionRule r => conditions[r.Id!].Fields.All(f =>
            f.StartsWith("attributes.", StringComparison.Ordinal) || f.StartsWith("customer.", StringComparison.Ordinal)),
        RecencyCheckRule r => r.Config!.Scope is not (RecencyScope.Offer or RecencyScope.Category),
        _ => false,
    };

    private static bool Applies(QualificationRule rule, Candidate candidate, DecisionContext context) => rule.Scope switch
    {
        QualificationScope.Global => true,
        QualificationScope.Segment => rule.ScopeId is { } segment && context.Segments.Contains(segment),
        QualificationScope.Channel => rule.ScopeId == context.ChannelOf(candidate),
        QualificationScope.Category => rule.ScopeId == candidate.Offer.CategoryId,
        QualificationScope.Subcategory => rule.ScopeId == candidate.Offer.SubCategoryId,
        QualificationScope.Offer => rule.ScopeId == candidate.OfferId,
        QualificationScope.Placement => rule.ScopeId is { } placement && (candidate.Creative?.PlacementId == placement || context.RequestedPlacements.Contains(placement)),
        _ => false,
    };

    private static bool Passes(
        QualificationRule rule, Candidate candidate, DecisionContext context, CandidateData data, Dictionary<string, CompiledCondition> conditions) => rule switch
    {
        SegmentRequiredRule r => r.Config!.Match == SegmentMatch.All
            ? r.Config.AllSegments().All(context.Segments.Contains)
            : r.Config.AllSegments().Any(context.Segments.Contains),
        AttributeConditionRule r => conditions[r.Id!].Evaluate(data),
        PropensityThresholdRule r => Propensity(r.Config!, candidate, context) >= r.Config!.Threshold,
        RecencyCheckRule r => RecentlyHad(r.Config!, candidate, context) == r.Config!.MustHave,
        MetricConditionRule r => r.Config!.Operator!.Value.Holds(MetricValue(r.Config, candidate, context), r.Config.Threshold ?? 0),
        _ => false,
    };

    /// <summary>
    /// The request's <c>attributes.propensityScores</c> for the rule's key, else the offer, else its
    /// category; else the candidate's model propensity (when a <c>score</c> node ran before); else the
    /// adaptive propensity chain over what the tenant has learned (the offer's rate with ≥ 50
    /// outcomes → its category's with ≥ 20 → the tenant's with ≥ 10 → the rule's model's prior → 0.5),
    /// counting successes as the rule's model does.
    /// </summary>
    private static double? Propensity(PropensityThresholdConfig config, Candidate candidate, DecisionContext context)
    {
        if (context.Attributes.TryGetValue("propensityScores", out var scores) && scores.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (var key in new[] { config.Key, candidate.OfferId, candidate.Offer.CategoryId })
            {
                if (key is not null && scores.TryGetProperty(key, out var score) && score.TryGetDouble(out var value)) return value;
            }
        }
        if (candidate.Propensity is { } scored) return scored;
        var model = config.ModelId is { } id ? context.Catalog.Models.Find(id) : null;
        var learned = context.Learning.For(model?.Config?.RewardOn ?? RewardOn.Positive);
        return AdaptivePropensity.Estimate(learned, candidate.OfferId, candidate.Offer.CategoryId, model?.Config?.Prior).Value;
    }

    private static bool RecentlyHad(RecencyCheckConfig config, Candidate candidate, DecisionContext context)
    {
        var since = config.WithinMinutes is { } minutes ? context.Now.AddMinutes(-minutes) : context.Now.AddDays(-(config.WithinDays ?? 1));
        var history = config.Scope == RecencyScope.Offer ? context.HistoryOf(candidate.OfferId) : context.History;
        for (var n = 0; n < history.Count; n++)
        {
            var i = history[n];
            if (i.Timestamp < since || i.Timestamp > context.Now || !config.Counts(i.Type)) continue;
            if (config.Scope == RecencyScope.Category && (i.CategoryId is null || i.CategoryId != candidate.Offer.CategoryId)) continue;
            return true;
        }
        return false;
    }

    /// <summary>The metric's value for this candidate: its dimensions bound by the rule's mapping (<c>{{offer.id}}</c>, literals).</summary>
    private static double? MetricValue(MetricConditionConfig config, Candidate candidate, DecisionContext context)
    {
        if (context.MetricValues is not { } view || TenantMetrics.Find(context.Metrics, config.ResolvedMetricId!) is not { } metric) return null;
        var values = view.Values(metric, Bind(config.DimensionMapping, candidate, context)).Values;
        return values.Count == 1 && values[0].Value is { } v ? (double)v : null;
    }

    /// <summary>A rule's <c>dimensionMapping</c> bound for a candidate: metric dimension → value.</summary>
    internal static Dictionary<MetricDimension, string> Bind(Dictionary<string, string>? mapping, Candidate candidate, DecisionContext context)
    {
        var filters = new Dictionary<MetricDimension, string>();
        foreach (var (dimension, template) in mapping ?? [])
        {
            if (Json.CamelCaseEnumConverter<MetricDimension>.TryParse(dimension, out var parsed) && Bind(template, candidate, context) is { } value)
                filters[parsed] = value;
        }
        return filters;
    }

    private static string? Bind(string template, Candidate candidate, DecisionContext context) => template.Trim() switch
    {
        "{{offer.id}}" => candidate.OfferId,
        "{{creative.id}}" => candidate.Creative?.Id,
        "{{channel.id}}" => context.ChannelOf(candidate),
        "{{placement.id}}" => candidate.Creative?.PlacementId,
        "{{customer.id}}" => context.CustomerId,
        var t when t.StartsWith("{{attributes.", StringComparison.Ordinal) && t.EndsWith("}}", StringComparison.Ordinal)
            => context.Attributes.TryGetValue(t[13..^2], out var a) ? a.ToString() : null,
        var literal => literal,
    };
}
