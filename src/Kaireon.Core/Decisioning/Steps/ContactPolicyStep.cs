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
        var policies = named.Count == 0 ? context.Policies : [.. context.Policies.Where(p => named.Contains(p.Id!))];
        if (policies.Count == 0) return candidates;
        // A policy whose verdict does not depend on the candidate is decided once per decision.
        var shared = new bool?[policies.Count];
        var kept = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var blocking = Blocking(policies, shared, candidate, context);
            if (blocking is null) candidates[kept++] = candidate;
            else if (context.Traced) removed.Add(new RemovedCandidate(candidate.OfferId, $"suppressed by {SnakeName(blocking)}", blocking.Id));
        }
        // Filtered in place: the list is this decision's own, handed on by the previous node.
        candidates.RemoveRange(kept, candidates.Count - kept);
        return candidates;
    }

    private static ContactPolicy? Blocking(IReadOnlyList<ContactPolicy> policies, bool?[] shared, Candidate candidate, DecisionContext context)
    {
        var overridden = false;
        for (var n = 0; n < policies.Count; n++)
        {
            var policy = policies[n];
            if (!Applies(policy, candidate, context)) continue;
            if (policy is AllowOverridePolicy allow)
            {
                if (allow.Config!.AppliesTo(candidate.Offer)) overridden = true;
                continue;
            }
            if ((overridden || candidate.Offer.Mandatory) && !policy.BindsMandatoryOffers) continue;
            if (overridden && !candidate.Offer.Mandatory) continue;
            var blocks = IsShared(policy)
                ? shared[n] ??= Blocks(policy, candidate, context)
                : Blocks(policy, candidate, context);
            if (blocks) return policy;
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

    /// <summary>
    /// Whether the policy's verdict is the same for every candidate it applies to. A counted cap's is:
    /// it counts the contacts of its scope, and every candidate it applies to is in that one scope
    /// (the scope's offer, creative or channel).
    /// </summary>
    private static bool IsShared(ContactPolicy policy) => policy switch
    {
        FrequencyCapPolicy p => !p.Config!.UsesMetric,
        CooldownPolicy p => p.Config!.Per is not (CooldownPer.Offer or CooldownPer.Channel),
        SegmentExclusionPolicy or TimeWindowPolicy or CrossChannelCapPolicy => true,
        _ => false,
    };

    private static bool Blocks(ContactPolicy policy, Candidate candidate, DecisionContext context) => policy switch
    {
        FrequencyCapPolicy p when p.Config!.UsesMetric => MetricAtCap(p.Config, candidate, context),
        FrequencyCapPolicy p => AtCap(p, candidate, context),
        CooldownPolicy p => InCooldown(p.Config!, candidate, context),
        BudgetExhaustedPolicy => BudgetExhaustedPolicy.IsExhausted(candidate.Offer),
        OutcomeBasedPolicy p => HadOutcome(p.Config!, candidate, context),
        SegmentExclusionPolicy p => Excluded(p.Config!, context),
        TimeWindowPolicy p => !p.Config!.Allows(context.Now),
        MutualExclusionPolicy p => ExcludedByAnother(p.Config!, candidate, context),
        CrossChannelCapPolicy p => AtCap(p.Config!.Caps(), context, context.History, p.Config.CountedOutcome, p.Config.ChannelIds ?? [],
            static (i, channels) => i.ChannelId is not null && channels.Contains(i.ChannelId)),
        _ => false,
    };

    // Lambdas live in their own methods: a closure in Blocks would be allocated on every call, for every candidate.
    private static bool Excluded(SegmentExclusionConfig config, DecisionContext context) => (config.Segments ?? []).Any(context.Segments.Contains);

    private static bool ExcludedByAnother(MutualExclusionConfig config, Candidate candidate, DecisionContext context) =>
        config.OfferIds is { } offers && offers.Contains(candidate.OfferId)
        && context.History.Any(i => i.Type == FrequencyCapConfig.DefaultOutcome && i.OfferId != candidate.OfferId
            && offers.Contains(i.OfferId!) && (config.WithinDays is not { } days || i.Timestamp >= context.Now.AddDays(-days)));

    /// <summary>A counted cap: whether any cap is reached by the candidate's contacts in scope within its window.</summary>
    private static bool AtCap(FrequencyCapPolicy policy, Candidate candidate, DecisionContext context)
    {
        var config = policy.Config!;
        var history = policy.Scope == ContactPolicyScope.Offer ? context.HistoryOf(candidate.OfferId) : context.History;
        return AtCap(config.Caps(), context, history, config.CountedOutcome, (policy, candidate, context), static (i, s) =>
            InScope(s.policy, i, s.candidate, s.context) && (s.policy.Config!.ChannelId is null || i.ChannelId == s.policy.Config.ChannelId));
    }

    /// <summary>Whether any cap is reached: interactions of the outcome within each cap's window of UTC days ending today.</summary>
    private static bool AtCap<TState>(
        IReadOnlyList<(int WindowDays, int Max)> caps, DecisionContext context, IReadOnlyList<Interaction> history, string outcome,
        TState state, Func<Interaction, TState, bool> match)
    {
        var today = UtcDay.Of(context.Now);
        foreach (var (days, max) in caps)
        {
            var first = today.AddDays(1 - days);
            var count = 0;
            for (var i = 0; i < history.Count; i++)
            {
                var interaction = history[i];
                if (interaction.Type == outcome && interaction.Day >= first && match(interaction, state)) count++;
            }
            if (count >= max) return true;
        }
        return false;
    }

    private static bool InCooldown(CooldownConfig config, Candidate candidate, DecisionContext context)
    {
        var history = config.Per == CooldownPer.Offer ? context.HistoryOf(candidate.OfferId) : context.History;
        var since = context.Now - config.Gap();
        var channel = config.Per == CooldownPer.Channel ? context.ChannelOf(candidate) : null;
        for (var n = 0; n < history.Count; n++)
        {
            var i = history[n];
            if (i.Type != config.CountedOutcome || i.Timestamp <= since) continue;
            if (config.Per == CooldownPer.Channel && (i.ChannelId is null || i.ChannelId != channel)) continue;
            return true;
        }
        return false;
    }

    private static bool HadOutcome(OutcomeBasedConfig config, Candidate candidate, DecisionContext context)
    {
        if (config.Outcomes is not { Count: > 0 } outcomes) return false;
        var byCategory = config.Per == OutcomePer.Category;
        var history = byCategory ? context.History : context.HistoryOf(candidate.OfferId);
        var since = config.WithinDays is { } days ? context.Now.AddDays(-days) : DateTimeOffset.MinValue;
        for (var n = 0; n < history.Count; n++)
        {
            var i = history[n];
            if (i.Timestamp < since || !outcomes.Contains(i.Type)) continue;
            if (byCategory && (i.CategoryId is null || i.CategoryId != candidate.Offer.CategoryId)) continue;
            return true;
        }
        return false;
    }

    private static bool Any(IReadOnlyList<Interaction> history, Func<Interaction, bool> match)
    {
        for (var i = 0; i < history.Count; i++)
        {
            if (match(history[i])) return true;
        }
        return false;
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
