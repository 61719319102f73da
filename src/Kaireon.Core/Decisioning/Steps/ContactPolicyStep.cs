using Kaireon.Core.ContactPolicies;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Interactions;
using Kaireon.Core.Metrics;
using Kaireon.Core.QualificationRules;

namespace Kaireon.Core.Decisioning.Steps;

/// <summary>
/// <c>contact_policy</c>, with the contract's precedence: policies apply highest priority first; an
/// applicable <c>allow_override</c> skips every blocking policy below it; the first blocking policy
/// removes the candidate; a mandatory offer skips blocking policies except <c>frequency_cap</c> and
/// <c>cross_channel_cap</c>. Counts come from the customer's interaction history (rolling windows of
/// 1, 7 and 30 UTC days for day, week and month), which includes a Respond made a moment ago.
/// </summary>
public static class ContactPolicyStep
{
    public static List<Candidate> Run(ContactPolicyNodeConfig config, List<Candidate> candidates, DecisionContext context, List<RemovedCandidate> removed)
    {
        var named = config.PolicyIds ?? [];
        var policies = context.Policies.Where(p => named.Count == 0 || named.Contains(p.Id!)).ToList();
        if (policies.Count == 0) return candidates;
        var kept = new List<Candidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var blocking = Blocking(policies, candidate, context);
            if (blocking is null) kept.Add(candidate);
            else removed.Add(new RemovedCandidate(candidate.OfferId, $"suppressed by {SnakeName(blocking)}", blocking.Id));
        }
        return kept;
    }

    private static ContactPolicy? Blocking(List<ContactPolicy> policies, Candidate candidate, DecisionContext context)
    {
        var overridden = false;
        foreach (var policy in policies)
        {
            if (!Applies(policy, candidate, context)) continue;
            if (policy is AllowOverridePolicy allow)
            {
                if (allow.Config!.AppliesTo(candidate.Offer)) overridden = true;
                continue;
            }
            if ((overridden || candidate.Offer.Mandatory) && !policy.BindsMandatoryOffers) continue;
            if (overridden && !candidate.Offer.Mandatory) continue;
            if (Blocks(policy, candidate, context)) return policy;
        }
        return null;
    }

    private static bool Applies(ContactPolicy policy, Candidate candidate, DecisionContext context) => policy.Scope switch
    {
        ContactPolicyScope.Global => true,
        ContactPolicyScope.Offer => policy.ScopeId == candidate.OfferId,
        ContactPolicyScope.Creative => policy.ScopeId == candidate.Creative?.Id,
        ContactPolicyScope.Channel => policy.ScopeId == context.ChannelOf(candidate),
        _ => false,
    };

    private static bool Blocks(ContactPolicy policy, Candidate candidate, DecisionContext context) => policy switch
    {
        FrequencyCapPolicy p when p.Config!.UsesMetric => MetricAtCap(p.Config, candidate, context),
        FrequencyCapPolicy p => p.Config!.Caps().Any(cap => Count(context, cap.WindowDays, p.Config.CountedOutcome,
            i => InScope(p, i, candidate, context) && (p.Config.ChannelId is null || i.ChannelId == p.Config.ChannelId)) >= cap.Max),
        CooldownPolicy p => context.History.Any(i => i.Type == p.Config!.CountedOutcome && i.Timestamp > context.Now - p.Config.Gap()
            && p.Config.Per switch
            {
                CooldownPer.Offer => i.OfferId == candidate.OfferId,
                CooldownPer.Channel => i.ChannelId is not null && i.ChannelId == context.ChannelOf(candidate),
                _ => true,
            }),
        BudgetExhaustedPolicy => BudgetExhaustedPolicy.IsExhausted(candidate.Offer),
        OutcomeBasedPolicy p => context.History.Any(i => (p.Config!.Outcomes ?? []).Contains(i.Type)
            && (p.Config.WithinDays is not { } days || i.Timestamp >= context.Now.AddDays(-days))
            && (p.Config.Per == OutcomePer.Category ? i.CategoryId is not null && i.CategoryId == candidate.Offer.CategoryId : i.OfferId == candidate.OfferId)),
        SegmentExclusionPolicy p => (p.Config!.Segments ?? []).Any(context.Segments.Contains),
        TimeWindowPolicy p => !p.Config!.Allows(context.Now),
        MutualExclusionPolicy p => (p.Config!.OfferIds ?? []).Contains(candidate.OfferId)
            && context.History.Any(i => i.Type == FrequencyCapConfig.DefaultOutcome && i.OfferId != candidate.OfferId
                && (p.Config.OfferIds ?? []).Contains(i.OfferId!) && (p.Config.WithinDays is not { } days || i.Timestamp >= context.Now.AddDays(-days))),
        CrossChannelCapPolicy p => p.Config!.Caps().Any(cap => Count(context, cap.WindowDays, p.Config.CountedOutcome,
            i => i.ChannelId is not null && (p.Config.ChannelIds ?? []).Contains(i.ChannelId)) >= cap.Max),
        _ => false,
    };

    /// <summary>Interactions of the outcome in the window of <paramref name="days"/> UTC days ending today.</summary>
    private static int Count(DecisionContext context, int days, string outcome, Func<Interaction, bool> match)
    {
        var first = UtcDay.Of(context.Now).AddDays(1 - days);
        return context.History.Count(i => i.Type == outcome && i.Day >= first && match(i));
    }

    private static bool InScope(ContactPolicy policy, Interaction interaction, Candidate candidate, DecisionContext context) => policy.Scope switch
    {
        ContactPolicyScope.Offer => interaction.OfferId == candidate.OfferId,
        ContactPolicyScope.Creative => interaction.CreativeId is not null && interaction.CreativeId == candidate.Creative?.Id,
        ContactPolicyScope.Channel => interaction.ChannelId is not null && interaction.ChannelId == context.ChannelOf(candidate),
        _ => true,
    };

    /// <summary>A metric-based cap: suppress when the metric's value reaches the threshold (the threshold is the cap).</summary>
    private static bool MetricAtCap(FrequencyCapConfig config, Candidate candidate, DecisionContext context)
    {
        if (context.MetricValues is not { } view || TenantMetrics.Find(context.Metrics, config.MetricId!) is not { } metric) return false;
        var filters = QualifyStep.Bind(config.DimensionMapping, candidate, context);
        var values = view.Values(metric, filters).Values;
        var value = values.Count == 1 ? values[0].Value : values.Sum(v => v.Value ?? 0);
        return value is { } v && (double)v >= (config.Threshold ?? double.MaxValue);
    }

    private static string SnakeName(ContactPolicy policy) =>
        policy.RuleType is { } type ? Json.SnakeCaseEnumConverter<ContactPolicyType>.NameOf(type) : "policy";
}
