using System.Diagnostics;
using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.ContactPolicies;
using Kaireon.Core.QualificationRules;
using Kaireon.Core.Categories;
using Kaireon.Core.Channels;
using Kaireon.Core.Creatives;
using Kaireon.Core.Customers;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Decisioning.Steps;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Metrics;
using Kaireon.Core.Storage;
using Kaireon.Core.Summaries;
using Kaireon.Core.Offers;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Placements;
using Kaireon.Core.Randomness;
using Kaireon.Core.Recommendations;
using Kaireon.Core.Scoring;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Decisioning;

/// <summary>
/// Recommend: picks the flow (explicit key → flow route for channel and placement → the tenant's
/// default published flow → the base flow: all active offers, priority-weighted), loads the
/// customer's profile, runs the flow over the catalog snapshot, records the decisions so Respond can
/// name them by rank, records impressions for implicit-impression channels, and queues a trace when
/// sampled or asked for.
/// </summary>
public sealed class RecommendService(
    CatalogSnapshots snapshots, DecisionFlowService flows, RecommendationLog recommendations,
    DecisionTraceLog traces, InteractionRecorder recorder, TenantMetrics tenantMetrics, CustomerMetrics customerMetrics,
    ICustomerStore customers, SummaryReader summaries, ModelLearning learning, IRandomSource random, TimeProvider clock)
{
    /// <summary>The base flow of a tenant without flows (contract): all active offers, priority-weighted.</summary>
    public static readonly IReadOnlyList<FlowNode> BaseFlow =
    [
        new InventoryNode { Id = "inventory" },
        new MatchCreativesNode { Id = "match_creatives", Config = new() { RequireCreative = false } },
        new ScoreNode { Id = "score" },
        new RankNode { Id = "rank" },
        new ResponseNode { Id = "response" },
    ];

    public async Task<RecommendResult> RecommendAsync(TenantId tenant, RecommendRequest request, string customerId, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var catalog = await CatalogAsync(tenant, ct);
        var channels = RequestedChannels(request, catalog);
        var placements = RequestedPlacements(request, catalog);
        var published = await flows.PublishedAsync(tenant, ct);
        var (flowKey, pipeline) = await FlowAsync(tenant, request, channels, catalog, published, ct);
        var calledFlows = CalledFlows(published, pipeline);
        var allNodes = pipeline.Concat(calledFlows.Values.SelectMany(p => p)).ToList();
        IReadOnlyList<QualificationRule> rules = allNodes.OfType<QualifyNode>().Any()
            ? await snapshots.GetDerivedAsync(tenant, "active_rules", async token =>
                (await snapshots.GetAsync(tenant, QualificationRule.Kind, token)).All.Where(r => r.Status == RuleStatus.Active).OrderByDescending(r => r.Priority).ToList(), ct)
            : [];
        IReadOnlyList<ContactPolicy> policies = allNodes.OfType<ContactPolicyNode>().Any()
            ? await snapshots.GetDerivedAsync(tenant, "active_policies", async token =>
                (await snapshots.GetAsync(tenant, ContactPolicy.Kind, token)).All.Where(p => p.Status == RuleStatus.Active)
                    .OrderByDescending(p => p.Priority).ThenBy(p => p.Id, StringComparer.Ordinal).ToList(), ct)
            : [];
        var enrich = allNodes.OfType<EnrichNode>().Select(n => n.Config ?? new()).ToList();
        var scoring = allNodes.OfType<ScoreNode>().Select(n => n.Config ?? new()).ToList();
        var arbitrationDays = scoring.Select(s => s.ArbitrationProfileId).OfType<string>().Select(catalog.ArbitrationProfiles.Find)
            .Any(p => p is not null && ArbitrationStep.ReadsHistory(p)) ? ArbitrationStep.LookbackDays : 0;
        var learningRead = scoring.Any(UsesLearning) || rules.OfType<PropensityThresholdRule>().Any()
            ? learning.GetAsync(tenant, ct)
            : ValueTask.FromResult(TenantLearning.Empty);
        var summariesRead = SummariesAsync(tenant, customerId, enrich, now, ct);
        var (profile, metrics, metricValues, history, today) = await CustomerStateAsync(tenant, customerId, rules, policies, enrich, arbitrationDays, now, ct);
        var summaries = await summariesRead;
        var learned = await learningRead;

        var settings = (await snapshots.GetAsync(tenant, TenantSettings.Kind, ct)).Find(TenantSettings.DocumentId) ?? new TenantSettings();
        var traced = DecisionTraceSampler.ShouldTrace(request.IsDebug || pipeline.OfType<ResponseNode>().Any(r => r.Config?.IncludeTrace == true), settings.DecisionTraceSampleRate, random);
        var context = new DecisionContext
        {
            Traced = traced,
            Tenant = tenant,
            Request = request,
            CustomerId = customerId,
            Now = now,
            Random = random,
            Catalog = catalog,
            FlowKey = flowKey ?? "",
            Attributes = Attributes(profile, request),
            Segments = (profile?.Segments ?? []).Concat(request.Segments ?? []).ToHashSet(StringComparer.Ordinal),
            RequestedChannels = channels,
            RequestedPlacements = placements,
            Rules = rules,
            History = history,
            Metrics = metrics,
            MetricValues = metricValues,
            Policies = policies,
            Summaries = summaries,
            CalledFlows = calledFlows,
            Learning = learned,
        };
        List<Candidate> chosen;
        try
        {
            chosen = DecisionExecutor.Run(pipeline, context);
        }
        catch (NodeNotExecutedException e)
        {
            throw new RecommendException("decisionFlowKey", $"Decision Flow '{flowKey}': {e.Message}", RecommendFailure.NotImplemented);
        }

        var recommendationId = EntityId.New("rec_");
        var decisions = chosen.Select((c, i) => ToDecision(i + 1, c, channels)).ToList();
        var grouped = pipeline.OfType<ResponseNode>().Any(r => r.Config?.Format == ResponseFormat.Grouped) || request.Placements is { Count: > 0 };
        var groups = grouped
            ? chosen.Select((c, i) => (c.Placement ?? request.Placement ?? "", decisions[i])).GroupBy(p => p.Item1)
                .Select(g => new DecisionGroup(g.Key, [.. g.Select(p => p.Item2)])).ToList()
            : null;

        if (decisions.Count > 0)
        {
            // Independent writes: started together, they share the writer's commits instead of waiting for one each.
            await Task.WhenAll(
                recommendations.RecordAsync(tenant, new RecordedRecommendation
                {
                    Id = recommendationId, CustomerId = customerId, DecisionFlowKey = flowKey, At = now,
                    Decisions = [.. decisions.Select(d => new RecordedDecision(d.Rank, d.OfferId, d.CreativeId, d.ChannelId, d.PlacementId))],
                }, ct),
                RecordImpressionsAsync(tenant, customerId, recommendationId, decisions, chosen, catalog, now, today, ct));
        }

        var duration = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        string? traceId = null;
        if (traced)
        {
            traceId = EntityId.New("trc_");
            traces.Enqueue(tenant, new DecisionTrace
            {
                Id = traceId, At = now, CustomerId = customerId, RecommendationId = recommendationId, DecisionFlowKey = flowKey,
                Forced = request.IsDebug, DurationMs = duration, Nodes = context.NodeTraces,
                Scores = [.. chosen.Select(c => new CandidateScore(c.OfferId, c.Creative?.Id, c.Score, c.Propensity, c.ScoreBasis))],
                Decisions = [.. decisions.Select(d => new TracedDecision(d.Rank, d.OfferId, d.CreativeId, d.Score))],
            }, settings.TraceRetentionDays);
        }
        return new RecommendResult(recommendationId, customerId, flowKey, decisions, groups, traceId, request.IsDebug ? context.Funnel : null, duration);
    }

    /// <summary>
    /// Everything the decision reads about the customer, in one query of the customer's partition:
    /// the profile; the metric book and today's day document when a rule, policy or <c>enrich</c>
    /// names a metric; the day documents of the longest window a rule, policy or arbitration profile
    /// looks back over. Today's day document, when the query covered it, comes back as read, so
    /// implicit impressions are written onto it without reading it again.
    /// </summary>
    private async Task<(CustomerProfile?, IReadOnlyList<CompiledMetric>, CustomerMetricsView?, IReadOnlyList<Interaction>, InteractionRecorder.KnownDay?)> CustomerStateAsync(
        TenantId tenant, string customerId, IReadOnlyList<QualificationRule> rules, IReadOnlyList<ContactPolicy> policies, List<EnrichConfig> enrich,
        int arbitrationDays, DateTimeOffset now, CancellationToken ct)
    {
        var metricIds = rules.OfType<MetricConditionRule>().Select(r => r.Config?.ResolvedMetricId)
            .Concat(policies.OfType<FrequencyCapPolicy>().Select(p => p.Config?.MetricId))
            .Concat(enrich.SelectMany(e => e.MetricIds()))
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        var metrics = metricIds.Count == 0 ? [] : (await tenantMetrics.GetAsync(tenant, ct)).Where(m => metricIds.Contains(m.Id)).ToList();
        var lookback = rules.OfType<RecencyCheckRule>().Select(r => r.Config?.WithinDays ?? (int)Math.Ceiling((r.Config?.WithinMinutes ?? 0) / 1440.0))
            .Concat(policies.Select(HistoryDays))
            .Append(arbitrationDays)
            .Max();
        if (!CustomerProfiles.IsValidId(customerId)) return (null, metrics, null, [], null);

        var today = UtcDay.Of(now);
        var ids = new List<string> { CustomerProfiles.DocumentId };
        if (metrics.Count > 0) ids.Add(CustomerMetricBook.DocumentId);
        // Metrics add today's interactions the stream has not folded yet, so today is read for them too.
        var from = lookback > 0 ? today.AddDays(-lookback) : metrics.Count > 0 ? today : (UtcDay?)null;
        var documents = (await customers.ReadAsync(new DocumentPartition(tenant, customerId), ids,
            from is { } first ? new IdRange(first.DocumentId, today.DocumentId) : null, ct)).ToDictionary(d => d.Id, StringComparer.Ordinal);

        var profile = documents.GetValueOrDefault(CustomerProfiles.DocumentId) is { } stored ? CustomerProfiles.Read(stored) : null;
        var days = documents.Values.Where(d => d.Id.StartsWith(UtcDay.DocumentPrefix, StringComparison.Ordinal)).ToList();
        var view = metrics.Count > 0
            ? await customerMetrics.ReadAsync(tenant, customerId, metrics, new LoadedCustomer(documents.GetValueOrDefault(CustomerMetricBook.DocumentId), days, from!.Value), ct)
            : null;
        var history = lookback > 0
            ? days.SelectMany(d => d.Deserialize(KaireonJson.Default.CustomerDay)!.Interactions).OrderBy(i => i.Timestamp).ToList()
            : [];
        var known = from is null ? null : new InteractionRecorder.KnownDay(customerId, today, documents.GetValueOrDefault(today.DocumentId));
        return (profile, metrics, view, history, known);
    }

    /// <summary>The published pipelines of every flow reachable through <c>call_flow</c> (the executor guards cycles and depth).</summary>
    private static Dictionary<string, IReadOnlyList<FlowNode>> CalledFlows(PublishedFlows published, IReadOnlyList<FlowNode> pipeline)
    {
        var found = new Dictionary<string, IReadOnlyList<FlowNode>>(StringComparer.Ordinal);
        var pending = new Queue<string>(pipeline.OfType<CallFlowNode>().Select(n => n.Config?.FlowKey).OfType<string>());
        while (pending.TryDequeue(out var key) && found.Count < 20)
        {
            if (found.ContainsKey(key) || published.Find(key) is not { } flow) continue;
            found[key] = flow.Pipeline;
            foreach (var next in flow.Pipeline.OfType<CallFlowNode>().Select(n => n.Config?.FlowKey).OfType<string>()) pending.Enqueue(next);
        }
        return found;
    }

    /// <summary>The customer's summary totals an <c>enrich</c> node asks for, keyed <c>{definitionId}.{window}.count</c> and <c>.sum_value</c>.</summary>
    private async Task<Dictionary<string, decimal>> SummariesAsync(TenantId tenant, string customerId, List<EnrichConfig> enrich, DateTimeOffset now, CancellationToken ct)
    {
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var request in enrich.SelectMany(e => e.Summaries ?? []).Where(r => r.DefinitionId is not null && r.Window is not null))
        {
            if ((await snapshots.GetAsync(tenant, SummaryDefinition.Kind, ct)).Find(request.DefinitionId!) is not { } definition) continue;
            var rows = await summaries.ReadAsync(tenant, definition, request.Window!.Value, UtcDay.Of(now), customerId, new Dictionary<SummaryDimension, string>(), ct);
            var key = $"{definition.Id}.{request.Window.Value.Format()}";
            totals[$"{key}.count"] = rows.Sum(r => r.Count ?? 0);
            totals[$"{key}.sum_value"] = rows.Sum(r => r.SumValue ?? 0);
        }
        return totals;
    }

    /// <summary>Whether a <c>score</c> node may score with a model (which learns) or arbitrate (whose fairness reads what models learn from).</summary>
    private static bool UsesLearning(ScoreNodeConfig config) =>
        config.Method != ScoringMethod.PriorityWeighted || config.Overrides is { Count: > 0 } || config.Challenger is not null || config.ArbitrationProfileId is not null;

    /// <summary>How many days of history a policy reads (30 for a monthly cap; a year when a window is open-ended).</summary>
    private static int HistoryDays(ContactPolicy policy) => policy switch
    {
        FrequencyCapPolicy { Config.UsesMetric: false } p => p.Config!.Caps().Select(c => c.WindowDays).DefaultIfEmpty(0).Max(),
        CrossChannelCapPolicy p => p.Config!.Caps().Select(c => c.WindowDays).DefaultIfEmpty(0).Max(),
        CooldownPolicy p => (int)Math.Ceiling(p.Config!.Gap().TotalDays) + 1,
        OutcomeBasedPolicy p => p.Config!.WithinDays ?? 365,
        MutualExclusionPolicy p => p.Config!.WithinDays ?? 365,
        _ => 0,
    };

    /// <summary>The decision's view of the catalog snapshot, built once per catalog version.</summary>
    private ValueTask<DecisionCatalog> CatalogAsync(TenantId tenant, CancellationToken ct) =>
        snapshots.GetDerivedAsync(tenant, "decision_catalog", async token => new DecisionCatalog(
            await snapshots.GetAsync(tenant, Offer.Kind, token),
            await snapshots.GetAsync(tenant, Creative.Kind, token),
            await snapshots.GetAsync(tenant, Category.Kind, token),
            await snapshots.GetAsync(tenant, Channel.Kind, token),
            await snapshots.GetAsync(tenant, Placement.Kind, token),
            await snapshots.GetAsync(tenant, AlgorithmModel.Kind, token),
            await snapshots.GetAsync(tenant, ArbitrationProfile.Kind, token)), ct);

    private async Task<(string? Key, IReadOnlyList<FlowNode> Pipeline)> FlowAsync(
        TenantId tenant, RecommendRequest request, HashSet<string> channels, DecisionCatalog catalog, PublishedFlows published, CancellationToken ct)
    {
        if (request.DecisionFlowKey is { } key)
        {
            var named = published.Find(key)
                ?? throw new RecommendException("decisionFlowKey", $"Decision Flow '{key}' does not exist or has no published version.");
            return (named.Key, named.Pipeline);
        }
        var routes = await snapshots.GetAsync(tenant, FlowRoute.Kind, ct);
        var placementKeys = new List<string>();
        if (request.Placement is { } placement)
        {
            placementKeys.Add(placement);
            if (catalog.Placements.Find(placement)?.SlotType is { } slot) placementKeys.Add(slot);
        }
        var channelId = request.ChannelId ?? (channels.Count == 1 ? channels.First() : null);
        if (FlowRouting.Resolve(routes.All, channelId, placementKeys) is { FlowKey: { } routed } && published.Find(routed) is { } route)
            return (route.Key, route.Pipeline);
        return published.Default is { } fallback ? (fallback.Key, fallback.Pipeline) : (null, BaseFlow);
    }

    /// <summary>The channel id asked for, or every channel of the type asked for (<c>channel</c> may name either).</summary>
    private static HashSet<string> RequestedChannels(RecommendRequest request, DecisionCatalog catalog)
    {
        if (request.ChannelId is { } id) return [id];
        if (request.Channel is not { } channel) return [];
        if (catalog.Channels.Find(channel) is not null) return [channel];
        return [.. catalog.Channels.All.Where(c => c.Type is { } type && SnakeCaseEnumConverter<ChannelType>.NameOf(type) == channel).Select(c => c.Id!)];
    }

    /// <summary>The placements named by id or slot type, in <c>placement</c> or <c>placements</c>.</summary>
    private static HashSet<string> RequestedPlacements(RecommendRequest request, DecisionCatalog catalog)
    {
        var named = (request.Placements ?? []).Select(p => p.Placement).Append(request.Placement).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. catalog.Placements.All.Where(p => named.Contains(p.Id!) || (p.SlotType is not null && named.Contains(p.SlotType))).Select(p => p.Id!)];
    }

    private static Dictionary<string, JsonElement> Attributes(CustomerProfile? profile, RecommendRequest request)
    {
        var attributes = new Dictionary<string, JsonElement>(profile?.Attributes ?? [], StringComparer.Ordinal);
        if (request.Attributes is { ValueKind: JsonValueKind.Object } given)
        {
            foreach (var property in given.EnumerateObject()) attributes[property.Name] = property.Value.Clone();
        }
        return attributes;
    }

    private static Decision ToDecision(int rank, Candidate candidate, HashSet<string> channels) => new(
        rank, candidate.OfferId, candidate.Offer.Name, candidate.Offer.CategoryId, candidate.Creative?.Id,
        candidate.Creative?.ChannelId ?? (channels.Count == 1 ? channels.First() : null),
        candidate.Creative?.PlacementId ?? candidate.Placement,
        Math.Round(candidate.Score, 6), candidate.Propensity is { } p ? Math.Round(p, 6) : null, candidate.Creative?.Content, candidate.Properties);

    /// <summary>
    /// An impression per decision on a channel whose impression mode is implicit, recorded like a
    /// Respond (stream first, then the customer's day): its event id derives from the recommendation
    /// and rank, so a retried call cannot count one twice.
    /// </summary>
    private async Task RecordImpressionsAsync(
        TenantId tenant, string customerId, string recommendationId, List<Decision> decisions, List<Candidate> chosen,
        DecisionCatalog catalog, DateTimeOffset now, InteractionRecorder.KnownDay? today, CancellationToken ct)
    {
        var implicitOnes = decisions
            .Where(d => d.ChannelId is not null && catalog.Channels.Find(d.ChannelId)?.ImpressionMode == ImpressionMode.Implicit)
            .Select(d => new Interaction
            {
                EventId = $"{recommendationId}:{d.Rank}:impression",
                CustomerId = customerId,
                Type = "impression",
                Timestamp = now,
                Outcome = OutcomeCategory.Impression,
                Direction = Direction.Outbound,
                OfferId = d.OfferId,
                CreativeId = d.CreativeId,
                ChannelId = d.ChannelId,
                PlacementId = d.PlacementId,
                CategoryId = d.CategoryId,
                SubCategoryId = chosen[d.Rank - 1].Offer.SubCategoryId,
                PlacementType = d.PlacementId is null ? null : catalog.Placements.Find(d.PlacementId)?.SlotType,
                RecommendationId = recommendationId,
                Rank = d.Rank,
            })
            .ToList();
        if (implicitOnes.Count > 0) await recorder.RecordAsync(tenant, implicitOnes, ct, today);
    }
}
