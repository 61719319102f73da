using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kaireon.Core.Catalog;
using Kaireon.Core.Categories;
using Kaireon.Core.Channels;
using Kaireon.Core.ContactPolicies;
using Kaireon.Core.Creatives;
using Kaireon.Core.Decisioning;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Interactions;
using Kaireon.Core.Offers;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Placements;
using Kaireon.Core.QualificationRules;
using Kaireon.Core.Randomness;
using Kaireon.Core.Scoring;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;

namespace Kaireon.Benchmarks;

/// <summary>
/// The in-process decision of issue #7: a v2 flow (inventory → match_creatives → qualify with 5
/// rules → contact_policy with 5 policies → score → rank → response) over 1,000 offers in 5
/// categories, each with a web and an email creative (every fifth with an A/B pair on web), for a
/// customer with 36 interactions over the last 30 days. Every entity is parsed from API JSON through
/// its catalog kind and validated, as a write would; the <see cref="DecisionContext"/> is what
/// RecommendService hands the executor once its reads are done.
/// </summary>
internal sealed class DecisionScenario
{
    public const int OfferCount = 1000;
    public static readonly string[] CategoryIds = ["cards", "loans", "savings", "insurance", "travel"];
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private const string Customer = "cust_bench";

    /// <summary>Five qualification rules of four types: a segment, two attribute conditions, a soft propensity threshold, a recency check.</summary>
    private static readonly string[] RuleJson =
    [
        """{ "id": "qr_prime_cards", "name": "Cards need prime", "ruleType": "segment_required", "scope": "category", "scopeId": "cards", "priority": 100, "config": { "segment": "prime" } }""",
        """{ "id": "qr_adults", "name": "Adults", "ruleType": "attribute_condition", "priority": 90, "config": { "condition": { "field": "attributes.age", "operator": "gte", "value": 18 } } }""",
        """{ "id": "qr_loans_likely", "name": "Likely to take a loan", "ruleType": "propensity_threshold", "qualification": "soft", "fitMultiplier": 0.5, "scope": "category", "scopeId": "loans", "priority": 50, "config": { "threshold": 0.3 } }""",
        """{ "id": "qr_not_converted", "name": "Not converted lately", "ruleType": "recency_check", "priority": 40, "config": { "outcome": "convert", "withinDays": 30, "mustHave": false, "scope": "offer" } }""",
        """{ "id": "qr_travel_income", "name": "Travel needs income in the EU", "ruleType": "attribute_condition", "scope": "category", "scopeId": "travel", "priority": 30, "config": { "condition": { "all": [ { "field": "attributes.income", "operator": "gte", "value": 30000 }, { "field": "attributes.country", "operator": "in", "value": ["NL", "DE", "FR"] } ] } } }""",
    ];

    /// <summary>Five contact policies of five types, read against the history.</summary>
    private static readonly string[] PolicyJson =
    [
        """{ "id": "cp_web_cap", "name": "Web cap", "ruleType": "frequency_cap", "scope": "channel", "scopeId": "web", "priority": 100, "config": { "maxPerDay": 20, "maxPerWeek": 60 } }""",
        """{ "id": "cp_offer_cooldown", "name": "A day between", "ruleType": "cooldown", "priority": 80, "config": { "hours": 24, "per": "offer" } }""",
        """{ "id": "cp_bought", "name": "Bought already", "ruleType": "outcome_based", "priority": 60, "config": { "outcomes": ["convert"], "withinDays": 90, "per": "offer" } }""",
        """{ "id": "cp_cross_channel", "name": "Across channels", "ruleType": "cross_channel_cap", "priority": 40, "config": { "channelIds": ["web", "email"], "maxPerWeek": 100 } }""",
        """{ "id": "cp_dnc", "name": "Do not contact", "ruleType": "segment_exclusion", "priority": 20, "config": { "segments": ["do_not_contact"] } }""",
    ];

    public DecisionCatalog Catalog { get; }
    public IReadOnlyList<QualificationRule> Rules { get; }
    public IReadOnlyList<ContactPolicy> Policies { get; }
    public IReadOnlyList<Interaction> History { get; }
    public IReadOnlyDictionary<string, JsonElement> Attributes { get; }
    public IReadOnlySet<string> Segments { get; } = new HashSet<string>(["prime", "newsletter"], StringComparer.Ordinal);
    public IReadOnlySet<string> Channels { get; } = new HashSet<string>(["web"], StringComparer.Ordinal);
    public RecommendRequest Request { get; } = new RecommendRequest { CustomerId = Customer, ChannelId = "web", Limit = 5 }.Normalize();

    public DecisionScenario()
    {
        var random = new Random(7);
        var offers = Enumerable.Range(0, OfferCount).Select(i => Parse(Offer.Kind, $$"""
            { "id": "offer_{{i:D4}}", "name": "Offer {{i}}", "categoryId": "{{CategoryIds[i % CategoryIds.Length]}}",
              "priority": {{10 + random.Next(91)}}, "weight": {{50 + random.Next(51)}},
              "status": "{{(i % 20 == 19 ? "paused" : "active")}}",
              {{(i % 10 == 3 ? """ "budget": { "total": 1000, "spent": 250 }, """ : "")}}
              "customFields": { "annualFee": {{random.Next(200)}} } }
            """)).ToList();
        var creatives = new List<Creative>();
        foreach (var offer in offers)
        {
            var n = int.Parse(offer.Id!.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture);
            creatives.Add(Parse(Creative.Kind, $$"""{ "id": "cr_{{offer.Id}}_web", "name": "Web", "offerId": "{{offer.Id}}", "channelId": "web", "variant": "A", "content": { "headline": "Hello" } }"""));
            if (n % 5 == 0)
                creatives.Add(Parse(Creative.Kind, $$"""{ "id": "cr_{{offer.Id}}_web_b", "name": "Web B", "offerId": "{{offer.Id}}", "channelId": "web", "variant": "B", "variantWeight": 50, "content": { "headline": "Hi" } }"""));
            creatives.Add(Parse(Creative.Kind, $$"""{ "id": "cr_{{offer.Id}}_email", "name": "Email", "offerId": "{{offer.Id}}", "channelId": "email", "content": { "subject": "Hello" } }"""));
        }
        Catalog = new DecisionCatalog(
            new CatalogSet<Offer>(offers),
            new CatalogSet<Creative>(creatives),
            new CatalogSet<Category>([.. CategoryIds.Select(c => Parse(Category.Kind, $$"""{ "id": "{{c}}", "name": "{{c}}" }"""))]),
            new CatalogSet<Channel>([
                Parse(Channel.Kind, """{ "id": "web", "name": "Web", "type": "web", "impressionMode": "implicit" }"""),
                Parse(Channel.Kind, """{ "id": "email", "name": "Email", "type": "email" }""")]),
            new CatalogSet<Placement>([]),
            new CatalogSet<AlgorithmModel>([Parse(AlgorithmModel.Kind, """{ "id": "model_ts", "name": "Thompson", "modelType": "thompson_bandit", "config": { "rewardOn": "conversion" } }""")]),
            new CatalogSet<ArbitrationProfile>([]));

        Rules = [.. RuleJson.Select(json => Parse(QualificationRule.Kind, json)).OrderByDescending(r => r.Priority)];

        Policies = [.. PolicyJson.Select(json => Parse(ContactPolicy.Kind, json)).OrderByDescending(p => p.Priority).ThenBy(p => p.Id, StringComparer.Ordinal)];

        // 36 interactions over 30 days, oldest first: impressions on both channels, some clicks, two conversions.
        History = [.. Enumerable.Range(0, 36).Select(i =>
        {
            var offer = offers[random.Next(OfferCount)];
            var (type, outcome) = i % 18 == 5 ? ("convert", OutcomeCategory.Conversion) : i % 4 == 1 ? ("click", OutcomeCategory.Positive) : ("impression", OutcomeCategory.Impression);
            var channel = i % 3 == 0 ? "email" : "web";
            return new Interaction
            {
                EventId = $"evt_{i}", CustomerId = Customer, Type = type, Outcome = outcome, Timestamp = Now.AddHours(-(36 - i) * 20),
                OfferId = offer.Id, CategoryId = offer.CategoryId, ChannelId = channel, CreativeId = $"cr_{offer.Id}_{channel}",
            };
        })];

        using var attributes = JsonDocument.Parse("""{ "age": 35, "income": 52000, "country": "NL", "propensityScores": { "loans": 0.25 } }""");
        Attributes = attributes.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    /// <summary>The flow's pipeline, parsed and validated as <c>POST /decision-flows</c> would, scoring with <paramref name="score"/> (the node's config JSON).</summary>
    public static IReadOnlyList<FlowNode> Pipeline(string score = """{ "method": "priority_weighted" }""")
    {
        var flow = Parse(DecisionFlow.Kind, $$"""
            { "key": "bench-flow", "name": "Benchmark flow", "config": { "version": 2, "nodes": [
              { "id": "inventory", "type": "inventory", "config": { "scope": "all" } },
              { "id": "creatives", "type": "match_creatives", "config": { "requireCreative": true } },
              { "id": "qualify", "type": "qualify" },
              { "id": "contact", "type": "contact_policy" },
              { "id": "score", "type": "score", "config": {{score}} },
              { "id": "rank", "type": "rank", "config": { "method": "topN", "limit": 5 } },
              { "id": "response", "type": "response" } ] } }
            """);
        var nodes = flow.Config!.Pipeline();
        var errors = new ValidationErrors();
        DecisionFlowGraph.Validate(nodes, "config.nodes", errors);
        return errors.Any ? throw new InvalidOperationException(string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(' ', e.Value)}"))) : nodes;
    }

    public const string ThompsonScore = """{ "method": "model", "modelId": "model_ts" }""";

    /// <summary>A fresh context for one decision (the funnel and traces are per decision).</summary>
    public DecisionContext Context(IRandomSource random) => new()
    {
        Tenant = TenantId.Parse("t_bench"),
        Request = Request,
        CustomerId = Customer,
        Now = Now,
        Random = random,
        Catalog = Catalog,
        FlowKey = "bench-flow",
        Attributes = Attributes,
        Segments = Segments,
        RequestedChannels = Channels,
        Rules = Rules,
        History = History,
        Policies = Policies,
    };

    private static T Parse<T>(CatalogKind<T> kind, string json) where T : CatalogEntity
    {
        var entity = kind.Normalize(JsonSerializer.Deserialize(json, kind.Json) ?? throw new InvalidOperationException(json));
        var errors = new ValidationErrors();
        kind.Validate(entity, errors);
        return errors.Any
            ? throw new InvalidOperationException($"{kind.Name} {entity.Id}: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")))
            : entity;
    }
}
