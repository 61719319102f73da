using System.Collections.Frozen;
using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.Categories;
using Kaireon.Core.Channels;
using Kaireon.Core.Creatives;
using Kaireon.Core.ContactPolicies;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Interactions;
using Kaireon.Core.Metrics;
using Kaireon.Core.QualificationRules;
using Kaireon.Core.Offers;
using Kaireon.Core.Placements;
using Kaireon.Core.Randomness;
using Kaireon.Core.Scoring;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Decisioning;

/// <summary>
/// Everything one decision reads, loaded before the flow runs (design §7: the executor is pure given
/// the catalog snapshot, the customer's state, the request, the clock and the random source).
/// </summary>
public sealed class DecisionContext
{
    public required TenantId Tenant { get; init; }
    public required RecommendRequest Request { get; init; }
    public required string CustomerId { get; init; }
    public required DateTimeOffset Now { get; init; }
    public required IRandomSource Random { get; init; }
    public required DecisionCatalog Catalog { get; init; }

    /// <summary>Stored attributes with the request's on top (request wins, for this call only).</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes { get; init; } = new Dictionary<string, JsonElement>();
    public IReadOnlySet<string> Segments { get; init; } = new HashSet<string>();

    /// <summary>The flow being run, for stable per-customer splits and traces.</summary>
    public string FlowKey { get; init; } = "";

    /// <summary>The channels the request asks for (a channel id, or every channel of a type); empty: any.</summary>
    public IReadOnlySet<string> RequestedChannels { get; init; } = new HashSet<string>();

    /// <summary>The placements the request names (ids, or every placement of a slot type); empty: any.</summary>
    public IReadOnlySet<string> RequestedPlacements { get; init; } = new HashSet<string>();

    /// <summary>The tenant's active qualification rules, highest priority first.</summary>
    public IReadOnlyList<QualificationRule> Rules { get; init; } = [];

    /// <summary>The customer's interactions of the days the rules look back over (recency checks), oldest first.</summary>
    public IReadOnlyList<Interaction> History { get; init; } = [];

    private Dictionary<string, Interaction[]>? _historyByOffer;

    /// <summary>The customer's interactions about one offer, oldest first (indexed on first use, once per decision).</summary>
    public IReadOnlyList<Interaction> HistoryOf(string offerId)
    {
        _historyByOffer ??= History.Where(i => i.OfferId is not null).GroupBy(i => i.OfferId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        return _historyByOffer.TryGetValue(offerId, out var ofOffer) ? ofOffer : Array.Empty<Interaction>();
    }

    /// <summary>The customer's behavioral metrics the rules read, and the view to compute them from.</summary>
    public IReadOnlyList<CompiledMetric> Metrics { get; init; } = [];
    public CustomerMetricsView? MetricValues { get; init; }

    /// <summary>Summary totals the flow's <c>enrich</c> loaded: <c>{definitionId}.{window}.count</c> / <c>.sum_value</c>.</summary>
    public IReadOnlyDictionary<string, decimal> Summaries { get; init; } = new Dictionary<string, decimal>();

    /// <summary>The tenant's active contact policies, highest priority first (ties by id).</summary>
    public IReadOnlyList<ContactPolicy> Policies { get; init; } = [];

    /// <summary>What the tenant's learning models have learned (read only when a <c>score</c> node needs it).</summary>
    public TenantLearning Learning { get; init; } = TenantLearning.Empty;

    /// <summary>The published pipelines of the flows <c>call_flow</c> nodes call (directly or further down), by key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FlowNode>> CalledFlows { get; init; } = new Dictionary<string, IReadOnlyList<FlowNode>>();

    /// <summary>The channel a candidate goes out on: its creative's, else the one channel the request asks for.</summary>
    public string? ChannelOf(Candidate candidate) =>
        candidate.Creative?.ChannelId ?? (RequestedChannels.Count == 1 ? RequestedChannels.First() : null);

    /// <summary>
    /// Whether this decision is traced (sampled or <c>debug</c>): only then do nodes say which
    /// candidates they removed and why, which on a large catalog is most of a decision's allocations.
    /// </summary>
    public bool Traced { get; init; }

    /// <summary>Candidates after each node (the <c>debug</c> funnel), in node order.</summary>
    public List<KeyValuePair<string, int>> Funnel { get; } = [];

    public List<NodeTrace> NodeTraces { get; } = [];
}

/// <summary>The tenant's catalog as one decision sees it: snapshot sets, read once per call.</summary>
public sealed record DecisionCatalog(
    CatalogSet<Offer> Offers,
    CatalogSet<Creative> Creatives,
    CatalogSet<Category> Categories,
    CatalogSet<Channel> Channels,
    CatalogSet<Placement> Placements,
    CatalogSet<AlgorithmModel> Models,
    CatalogSet<ArbitrationProfile> ArbitrationProfiles)
{
    /// <summary>Each offer's creatives, in id order (the snapshot's order).</summary>
    public FrozenDictionary<string, Creative[]> CreativesByOffer { get; } = Creatives.All.Where(c => c.OfferId is not null)
        .GroupBy(c => c.OfferId!, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
}
