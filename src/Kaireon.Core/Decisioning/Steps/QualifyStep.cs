using Kaireon.Core.Conditions;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Interactions;
using Kaireon.Core.Metrics;
using Kaireon.Core.QualificationRules;

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
        var rules = named.Count > 0 ? context.Rules.Where(r => named.Contains(r.Id!)).ToList() : [.. context.Rules];
        if (rules.Count == 0) return candidates;
        var data = new CandidateData(context);
        var conditions = rules.OfType<AttributeConditionRule>().ToDictionary(r => r.Id!, r => CompiledConditions.Of(r.Config!, static c => c.ParseCondition()));
        var kept = new List<Candidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            data.Candidate = candidate;
            var results = rules.Where(r => Applies(r, candidate, context)).ToDictionary(r => r.Id!, r => Passes(r, candidate, context, data, conditions));
            var hardFailure = rules.FirstOrDefault(r => r.Qualification == Qualification.Hard && results.TryGetValue(r.Id!, out var ok) && !ok);
            var eligible = config.Logic is { } logic
                ? logic.Evaluate(id => !results.TryGetValue(id, out var ok) || ok || rules.First(r => r.Id == id).Qualification == Qualification.Soft)
                : hardFailure is null;
            if (!eligible)
            {
                removed.Add(new RemovedCandidate(candidate.OfferId, "failed qualification", hardFailure?.Id ?? "logic"));
                continue;
            }
            foreach (var soft in rules.Where(r => r.Qualification == Qualification.Soft && results.TryGetValue(r.Id!, out var ok) && !ok))
                candidate.Fit *= soft.FitMultiplier ?? QualificationRule.DefaultFitMultiplier;
            kept.Add(candidate);
        }
        return kept;
    }

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

    /// <summary>The request's <c>attributes.propensityScores</c> for the rule's key, else the offer, else its category; else the candidate's model propensity.</summary>
    private static double? Propensity(PropensityThresholdConfig config, Candidate candidate, DecisionContext context)
    {
        if (context.Attributes.TryGetValue("propensityScores", out var scores) && scores.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (var key in new[] { config.Key, candidate.OfferId, candidate.Offer.CategoryId })
            {
                if (key is not null && scores.TryGetProperty(key, out var score) && score.TryGetDouble(out var value)) return value;
            }
        }
        return candidate.Propensity;
    }

    private static bool RecentlyHad(RecencyCheckConfig config, Candidate candidate, DecisionContext context)
    {
        var since = config.WithinMinutes is { } minutes ? context.Now.AddMinutes(-minutes) : context.Now.AddDays(-(config.WithinDays ?? 1));
        var outcomes = config.Outcomes();
        return context.History.Any(i => i.Timestamp >= since && i.Timestamp <= context.Now
            && (outcomes.Count == 0 || outcomes.Contains(i.Type))
            && config.Scope switch
            {
                RecencyScope.Offer => i.OfferId == candidate.OfferId,
                RecencyScope.Category => i.CategoryId is not null && i.CategoryId == candidate.Offer.CategoryId,
                _ => true,
            });
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
