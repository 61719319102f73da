using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Kaireon.Core.Behaviors;
using Kaireon.Core.Conditions;
using Kaireon.Core.Interactions;
using Kaireon.Core.Tenancy;

namespace Kaireon.Benchmarks;

/// <summary>
/// Flexible-behaviour evaluation (#8; target ≥ 200,000 events/s on one core): an event of a verb
/// with 100 flexible behaviours — 2–4 leaves each over 12 metadata keys, numeric, text, set, date,
/// universal and wildcard operators under all/any, a quarter of them rate limited per day, week,
/// month or all time — evaluated over 64 varied events per invocation, as the stream does per event.
/// </summary>
[MemoryDiagnoser]
public class BehaviorBenchmarks
{
    private const int Events = 64;
    private const int Behaviors = 100;

    private VerbBehaviors _verb = null!;
    private Interaction[] _events = null!;
    private CustomerBehaviorBook _book = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        string[] products = ["enterprise", "business", "consumer", "student"];
        string[] regions = ["eu", "us", "apac"];
        string[] periods = ["all_time", "day", "week", "month"];
        var behaviors = new List<Behavior> { new() { Id = "purchase", Verb = "purchase", Name = "Purchase" } };
        for (var b = 0; b < Behaviors; b++)
        {
            var leaves = new List<string>
            {
                $$"""{ "field": "amount", "operator": "{{(b % 2 == 0 ? "gt" : "lte")}}", "value": {{random.Next(50, 950)}} }""",
                b % 3 == 0
                    ? $$"""{ "any": [ { "field": "product_type", "operator": "is", "value": "{{products[b % 4]}}" }, { "field": "product_type", "operator": "is", "value": "{{products[(b + 1) % 4]}}" } ] }"""
                    : $$"""{ "field": "region", "operator": "in", "value": ["{{regions[b % 3]}}", "{{regions[(b + 1) % 3]}}"] }""",
            };
            if (b % 5 == 0) leaves.Add($$"""{ "field": "sku", "operator": "starts_with", "value": "SKU-{{b % 10}}" }""");
            if (b % 7 == 0) leaves.Add("""{ "field": "closed_on", "operator": "on_or_after", "value": "2026-03-01" }""");
            if (b % 11 == 0) leaves.Add("""{ "field": "coupon", "operator": "is_not", "value": "STAFF" }""");
            var limited = b % 4 == 0;
            if (limited) leaves.Add("""{ "field": "product_type", "operator": "is", "value": "*" }""");
            behaviors.Add(new Behavior
            {
                Id = $"fb_{b:D3}",
                Name = $"Flexible {b}",
                ParentId = "purchase",
                Conditions = JsonDocument.Parse($$"""{ "all": [ {{string.Join(", ", leaves)}} ] }""").RootElement.Clone(),
                RateLimit = limited
                    ? JsonSerializer.Deserialize($$"""{ "field": "product_type", "limit": {{1 + b % 3}}, "period": "{{periods[b / 4 % 4]}}" }""", Kaireon.Core.Json.KaireonJson.Default.BehaviorRateLimit)
                    : null,
                Etag = $"\"{b}\"",
            });
        }
        _verb = TenantBehaviors.Compile(TenantId.Parse("bench"), behaviors, new ConditionCache()).ForVerb("purchase")!;
        _now = new DateTimeOffset(2026, 3, 16, 12, 0, 0, TimeSpan.Zero);
        _events = [.. Enumerable.Range(0, Events).Select(n => new Interaction
        {
            EventId = $"e-{n}",
            CustomerId = "c-1",
            Type = "purchase",
            Timestamp = _now.AddMinutes(n),
            Metadata = JsonDocument.Parse(new JsonObject
            {
                ["amount"] = random.Next(0, 1000),
                ["product_type"] = products[random.Next(products.Length)],
                ["region"] = regions[random.Next(regions.Length)],
                ["sku"] = $"SKU-{random.Next(100)}",
                ["closed_on"] = $"2026-03-{random.Next(1, 29):D2}T10:00:00.000Z",
                ["coupon"] = random.Next(4) == 0 ? "STAFF" : "SPRING",
                ["course_id"] = random.Next(12340, 12350),
                ["score"] = random.Next(0, 100),
                ["completion_time"] = random.Next(5, 60),
                ["channel"] = "web",
                ["device"] = "mobile",
                ["campaign"] = "spring_sale",
            }.ToJsonString()).RootElement.Clone(),
        })];
        _book = new CustomerBehaviorBook();
        Console.WriteLine($"// {Matched()} matches over {Events} events against {Behaviors} flexible behaviours ({_verb.Fields.Count} distinct fields)");
    }

    private int Matched() => _events.Sum(e => { var data = _verb.DataOf(e.Metadata); return _verb.Flexible.Count(f => f.Condition.Evaluate(data)); });

    /// <summary>Reading the event's metadata once and evaluating every flexible behaviour of its verb: what matches.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "event vs 100 flexible behaviours: match")]
    public int Match()
    {
        var matched = 0;
        foreach (var e in _events)
        {
            var data = _verb.DataOf(e.Metadata);
            foreach (var flexible in _verb.Flexible)
                if (flexible.Condition.Evaluate(data)) matched++;
        }
        return matched;
    }

    /// <summary>The stream's whole decision per event: match, rate limits per value and period, counters (one customer's book).</summary>
    [Benchmark(OperationsPerInvoke = Events, Description = "event vs 100 flexible behaviours: decide (rate limits, counters)")]
    public int Decide()
    {
        var tracked = 0;
        foreach (var e in _events) tracked += BehaviorTracker.Decide(_book, _verb, e, _now).Tracked.Count;
        return tracked;
    }
}
