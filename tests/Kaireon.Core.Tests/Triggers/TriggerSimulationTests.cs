using Kaireon.Core.Interactions;
using Kaireon.Core.Triggers;
using static Kaireon.Core.Tests.Triggers.TriggerHarness;

namespace Kaireon.Core.Tests.Triggers;

/// <summary>
/// Simulation replays stored history through the same fold as the stream: for seeded random
/// histories, what it says would have fired equals what live processing (random batches, timer
/// ticks between them) fired, outcome by outcome; and threshold tuning answers per value.
/// </summary>
public sealed class TriggerSimulationTests
{
    private const string Webhook = """[{ "type": "webhook", "url": "https://hooks.example.com/kaireon", "secret": "0123456789abcdef0123" }]""";

    private static readonly string[] Definitions =
    [
        $$"""
        { "id": "views", "name": "Views", "cooldownMs": 1800000, "journeyPolicy": "skip_if_active", "journeyMinutes": 120,
          "conditions": [ { "type": "threshold", "eventType": "product_view", "filter": { "field": "category", "operator": "is", "value": "shoes" }, "count": 3, "windowMinutes": 30 } ],
          "actions": {{Webhook}} }
        """,
        $$"""
        { "id": "cart", "name": "Cart abandonment", "maxFiringsPerDay": 2,
          "conditions": [ { "type": "absence", "eventType": "add_to_cart", "awaitedEventType": "purchase", "withinMinutes": 90 } ], "actions": {{Webhook}} }
        """,
        $$"""
        { "id": "reads", "name": "Long reads or views", "match": "any", "journeyPolicy": "restart", "journeyMinutes": 60,
          "conditions": [ { "type": "duration", "eventType": "page_view", "field": "seconds", "minSeconds": 120 },
                          { "type": "threshold", "eventType": "product_view", "count": 4, "windowMinutes": 60 } ],
          "actions": {{Webhook}} }
        """,
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Simulation_answers_what_live_processing_fired_for_the_same_history(int seed)
    {
        await using var h = await StartAsync();
        var triggers = new List<Trigger>();
        foreach (var definition in Definitions) triggers.Add(await h.SaveAsync(definition));
        var random = new Random(seed);
        var events = Generate(random);
        var end = events[^1].Timestamp.AddHours(3);

        // Live: random batches in time order, the timer ticking just before each next batch's first event.
        for (var i = 0; i < events.Count;)
        {
            var size = Math.Min(random.Next(1, 8), events.Count - i);
            await h.ProcessAsync([.. events.Skip(i).Take(size)]);
            i += size;
            if (i < events.Count && random.Next(2) == 0) await h.TickAtAsync(events[i].Timestamp.AddTicks(-1));
        }
        await h.TickAtAsync(end);
        var live = await h.OutcomesAsync();

        foreach (var trigger in triggers)
        {
            var simulated = await h.SimulateAsync(trigger, Epoch.AddDays(-1), end.AddTicks(1));
            var expected = live.Where(o => o.TriggerId == trigger.Id).Select(Key).Order().ToList();
            Assert.Equal(expected, simulated.Results.Select(Key).Order().ToList());
            Assert.Equal(expected.Count(k => k.Contains("|fired|")), simulated.Firings);
            Assert.Equal(expected.Count - simulated.Firings, simulated.Suppressions);
        }
        Assert.Contains(live, o => o.Outcome == TriggerOutcomeKind.Fired);
    }

    [Fact]
    public async Task Threshold_tuning_answers_firings_per_value_and_simulation_writes_nothing()
    {
        await using var h = await StartAsync();
        var trigger = await h.SaveAsync(Definitions[0].Replace("\"cooldownMs\": 1800000, \"journeyPolicy\": \"skip_if_active\"", "\"journeyPolicy\": \"allow_multiple\""));
        await h.ProcessAsync([.. Enumerable.Range(0, 6).Select(i => Event($"v{i}", "c1", "product_view", Epoch.AddMinutes(i), """{ "category": "shoes" }"""))]);
        var recorded = await h.OutcomesAsync();
        h.DrainQueued();
        var held = await h.HeldDispatchesAsync();

        var simulation = await h.SimulateAsync(trigger, Epoch.AddHours(-1), Epoch.AddHours(1), thresholds: [1, 2, 3, 7]);

        Assert.Equal([(1d, 6), (2d, 3), (3d, 2), (7d, 0)], simulation.Thresholds!.Select(t => (t.Value, t.Firings)));
        Assert.Equal(2, simulation.Firings);
        Assert.Equal(recorded, await h.OutcomesAsync());
        Assert.Empty(h.DrainQueued());
        Assert.Equal(held, await h.HeldDispatchesAsync());
    }

    private static string Key(TriggerOutcome o) =>
        $"{o.Id}|{(o.Outcome == TriggerOutcomeKind.Fired ? "fired" : "suppressed")}|{o.Reason}|{o.At:O}|{o.CauseEventId}|{o.Supersedes}";

    private static List<Interaction> Generate(Random random)
    {
        string[] customers = ["c1", "c2", "c3"];
        var at = Epoch;
        return [.. Enumerable.Range(0, random.Next(40, 120)).Select(n =>
        {
            at = at.AddSeconds(random.Next(1, 40 * 60));
            var roll = random.Next(10);
            var customer = customers[random.Next(customers.Length)];
            return roll switch
            {
                < 5 => Event($"e{n}", customer, "product_view", at, random.Next(3) > 0 ? """{ "category": "shoes" }""" : """{ "category": "hats" }"""),
                < 7 => Event($"e{n}", customer, "add_to_cart", at),
                < 8 => Event($"e{n}", customer, "purchase", at),
                _ => Event($"e{n}", customer, "page_view", at, $$"""{ "seconds": {{random.Next(0, 300)}} }"""),
            };
        })];
    }
}
