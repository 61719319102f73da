using Kaireon.Core.Metrics;
using Kaireon.Core.Triggers;
using static Kaireon.Core.Tests.Triggers.TriggerHarness;

namespace Kaireon.Core.Tests.Triggers;

/// <summary>
/// What fires when, through the live path (stream batches, the trigger book, the timer) on SQLite,
/// with the clock driven by a <c>FakeTimeProvider</c>.
/// </summary>
public sealed class TriggerScenarioTests : IAsyncLifetime
{
    private TriggerHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await StartAsync();

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    private const string Webhook = """[{ "type": "webhook", "url": "https://hooks.example.com/kaireon", "secret": "0123456789abcdef0123" }]""";

    /// <summary>The page's "views at least 3 related product pages within 10 minutes".</summary>
    private static string ThreeViews(string extra = "") => $$"""
        { "id": "three_views", "name": "Three related product views in 10 minutes",
          "conditions": [ { "type": "threshold", "eventType": "product_view", "filter": { "field": "category", "operator": "is", "value": "shoes" },
                            "count": 3, "windowMinutes": 10 } ],
          "actions": {{Webhook}} {{extra}} }
        """;

    private static string CartAbandonment(int minutes = 1440) => $$"""
        { "id": "cart_abandonment", "name": "Added to cart, no purchase within 24 hours",
          "conditions": [ { "type": "absence", "eventType": "add_to_cart", "awaitedEventType": "purchase", "withinMinutes": {{minutes}} } ],
          "actions": {{Webhook}} }
        """;

    private static string Shoes => """{ "category": "shoes" }""";

    [Fact]
    public async Task Threshold_inside_the_window_fires_at_the_event_that_reaches_it()
    {
        await _h.SaveAsync(ThreeViews());
        await _h.ProcessAsync(Event("v1", "c1", "product_view", Epoch, Shoes), Event("v2", "c1", "product_view", Epoch.AddMinutes(4), Shoes));
        Assert.Empty(await _h.FiringsAsync());

        await _h.ProcessAsync(Event("v3", "c1", "product_view", Epoch.AddMinutes(9).AddSeconds(59), Shoes));

        var firing = Assert.Single(await _h.FiringsAsync());
        Assert.Equal(("three_views", "c1", "v3", Epoch.AddMinutes(9).AddSeconds(59)), (firing.TriggerId, firing.CustomerId, firing.CauseEventId, firing.At));
        var action = Assert.Single(_h.DrainQueued());
        Assert.Equal(firing.Id, action.Firing.Id);
    }

    [Fact]
    public async Task Threshold_just_outside_the_window_does_not_fire()
    {
        await _h.SaveAsync(ThreeViews());
        await _h.ProcessAsync(
            Event("v1", "c1", "product_view", Epoch, Shoes),
            Event("v2", "c1", "product_view", Epoch.AddMinutes(5), Shoes),
            Event("v3", "c1", "product_view", Epoch.AddMinutes(10), Shoes),
            // Filtered out: another category never counts.
            Event("v4", "c1", "product_view", Epoch.AddMinutes(10).AddSeconds(1), """{ "category": "hats" }"""));

        Assert.Empty(await _h.OutcomesAsync());
    }

    [Fact]
    public async Task Absence_fires_at_its_due_time_when_the_awaited_event_never_comes()
    {
        await _h.SaveAsync(CartAbandonment());
        await _h.ProcessAsync(Event("cart-1", "c1", "add_to_cart", Epoch));

        await _h.TickAtAsync(Epoch.AddHours(24).AddSeconds(-1));
        Assert.Empty(await _h.FiringsAsync());

        await _h.TickAtAsync(Epoch.AddHours(24).AddMinutes(1));
        var firing = Assert.Single(await _h.FiringsAsync());
        Assert.Equal(("cart-1", Epoch.AddHours(24)), (firing.CauseEventId, firing.At));

        // Another tick, or a later event of the customer, fires nothing more.
        await _h.TickAtAsync(Epoch.AddHours(25));
        await _h.ProcessAsync(Event("view-1", "c1", "product_view", Epoch.AddHours(25)));
        Assert.Single(await _h.OutcomesAsync());
    }

    [Fact]
    public async Task Absence_is_cancelled_when_the_awaited_event_arrives_in_time()
    {
        await _h.SaveAsync(CartAbandonment());
        await _h.ProcessAsync(Event("cart-1", "c1", "add_to_cart", Epoch), Event("cart-2", "c2", "add_to_cart", Epoch));
        await _h.ProcessAsync(Event("buy-1", "c1", "purchase", Epoch.AddHours(23)));

        await _h.TickAtAsync(Epoch.AddHours(30));

        var firing = Assert.Single(await _h.FiringsAsync());
        Assert.Equal("c2", firing.CustomerId);
    }

    [Fact]
    public async Task Cooldown_suppresses_a_firing_within_it_and_lets_one_through_after_it()
    {
        await _h.SaveAsync(ThreeViews(""", "cooldownMs": 3600000"""));
        var views = Enumerable.Range(0, 9).Select(i => Event($"v{i}", "c1", "product_view", Epoch.AddMinutes(i * 3), Shoes)).ToList();
        views.AddRange(Enumerable.Range(0, 3).Select(i => Event($"late{i}", "c1", "product_view", Epoch.AddMinutes(90 + i), Shoes)));
        await _h.ProcessAsync([.. views]);

        var outcomes = await _h.OutcomesAsync();
        Assert.Equal(
            [("v2", TriggerOutcomeKind.Fired, (SuppressionReason?)null), ("v5", TriggerOutcomeKind.Suppressed, SuppressionReason.Cooldown),
             ("v8", TriggerOutcomeKind.Suppressed, SuppressionReason.Cooldown), ("late2", TriggerOutcomeKind.Fired, null)],
            outcomes.Select(o => (o.CauseEventId, o.Outcome, o.Reason)));
    }

    [Fact]
    public async Task Skip_if_active_suppresses_as_dedup_while_the_journey_runs()
    {
        await _h.SaveAsync(ThreeViews(""", "journeyPolicy": "skip_if_active", "journeyMinutes": 60"""));
        var views = Enumerable.Range(0, 6).Select(i => Event($"v{i}", "c1", "product_view", Epoch.AddMinutes(i), Shoes))
            .Concat(Enumerable.Range(0, 3).Select(i => Event($"w{i}", "c1", "product_view", Epoch.AddMinutes(61 + i), Shoes)));
        await _h.ProcessAsync([.. views]);

        Assert.Equal([("v2", TriggerOutcomeKind.Fired, (SuppressionReason?)null), ("v5", TriggerOutcomeKind.Suppressed, SuppressionReason.Dedup), ("w2", TriggerOutcomeKind.Fired, null)],
            (await _h.OutcomesAsync()).Select(o => (o.CauseEventId, o.Outcome, o.Reason)));
    }

    [Fact]
    public async Task Restart_fires_again_and_names_the_firing_whose_journey_it_restarts()
    {
        await _h.SaveAsync(ThreeViews(""", "journeyPolicy": "restart", "journeyMinutes": 60"""));
        await _h.ProcessAsync([.. Enumerable.Range(0, 6).Select(i => Event($"v{i}", "c1", "product_view", Epoch.AddMinutes(i), Shoes))]);

        var firings = await _h.FiringsAsync();
        Assert.Equal(2, firings.Count);
        Assert.Null(firings[0].Supersedes);
        Assert.Equal(firings[0].Id, firings[1].Supersedes);
    }

    [Fact]
    public async Task Allow_multiple_fires_every_time_the_conditions_come_to_hold()
    {
        await _h.SaveAsync(ThreeViews(""", "journeyPolicy": "allow_multiple" """));
        await _h.ProcessAsync([.. Enumerable.Range(0, 9).Select(i => Event($"v{i}", "c1", "product_view", Epoch.AddMinutes(i), Shoes))]);

        Assert.Equal(["v2", "v5", "v8"], (await _h.FiringsAsync()).Select(f => f.CauseEventId));
        Assert.All(await _h.FiringsAsync(), f => Assert.Null(f.Supersedes));
    }

    [Fact]
    public async Task The_daily_limit_suppresses_as_rate_limit_until_the_next_utc_day()
    {
        await _h.SaveAsync(ThreeViews(""", "maxFiringsPerDay": 1"""));
        var late = Epoch.Date.AddDays(1).AddHours(1);
        await _h.ProcessAsync([.. Enumerable.Range(0, 6).Select(i => Event($"v{i}", "c1", "product_view", Epoch.AddMinutes(i), Shoes))
            .Concat(Enumerable.Range(0, 3).Select(i => Event($"n{i}", "c1", "product_view", new DateTimeOffset(late.AddMinutes(i), TimeSpan.Zero), Shoes)))]);

        Assert.Equal([("v2", TriggerOutcomeKind.Fired, (SuppressionReason?)null), ("v5", TriggerOutcomeKind.Suppressed, SuppressionReason.RateLimit), ("n2", TriggerOutcomeKind.Fired, null)],
            (await _h.OutcomesAsync()).Select(o => (o.CauseEventId, o.Outcome, o.Reason)));
    }

    [Fact]
    public async Task A_duration_fires_above_its_seconds_and_not_at_them()
    {
        await _h.SaveAsync($$"""
            { "id": "long_read", "name": "More than 3 minutes on a product page",
              "conditions": [ { "type": "duration", "eventType": "page_view", "field": "time_on_page", "minSeconds": 180 } ], "actions": {{Webhook}} }
            """);
        await _h.ProcessAsync(
            Event("p1", "c1", "page_view", Epoch, """{ "time_on_page": 180 }"""),
            Event("p2", "c1", "page_view", Epoch.AddMinutes(1), """{ "time_on_page": "181" }"""),
            Event("p3", "c1", "page_view", Epoch.AddMinutes(2)));

        Assert.Equal(["p2"], (await _h.FiringsAsync()).Select(f => f.CauseEventId));
    }

    [Fact]
    public async Task A_metric_condition_fires_when_the_metric_crosses_its_threshold_and_any_combines()
    {
        await _h.SaveMetricAsync(new BehavioralMetric
        {
            Id = "clicks_7d", Name = "Clicks in 7 days", AggregateFunction = AggregateFunction.Count, SourceField = SourceField.Positive, WindowDays = 7,
        });
        await _h.SaveAsync($$"""
            { "id": "engaged", "name": "Three clicks in a week, or a long read", "match": "any",
              "conditions": [ { "type": "metric", "metricId": "clicks_7d", "operator": "gte", "value": 3 },
                              { "type": "duration", "eventType": "page_view", "field": "time_on_page", "minSeconds": 180 } ],
              "actions": {{Webhook}} }
            """);
        var clicks = Enumerable.Range(0, 4).Select(i => Event($"k{i}", "c1", "click", Epoch.AddHours(i)) with { Outcome = OutcomeTypes.OutcomeCategory.Positive }).ToArray();
        await _h.ProcessAsync(clicks[0], clicks[1]);
        await _h.ProcessAsync(clicks[2], clicks[3]);
        await _h.ProcessAsync(Event("p1", "c2", "page_view", Epoch, """{ "time_on_page": 300 }"""));

        Assert.Equal([("c1", "k2"), ("c2", "p1")], (await _h.FiringsAsync()).Select(f => (f.CustomerId, f.CauseEventId)).Order());
    }

    [Fact]
    public async Task Redelivered_batches_and_repeated_ticks_fire_nothing_twice()
    {
        await _h.SaveAsync(ThreeViews());
        await _h.SaveAsync(CartAbandonment(60));
        var batch = _h.Batch([.. Enumerable.Range(0, 3).Select(i => Event($"v{i}", "c1", "product_view", Epoch.AddMinutes(i), Shoes)), Event("cart", "c1", "add_to_cart", Epoch)]);

        await _h.ProcessAsync(batch);
        await _h.ProcessAsync(batch);
        await _h.TickAtAsync(Epoch.AddHours(2));
        await _h.TickAtAsync(Epoch.AddHours(3));
        await _h.ProcessAsync(batch);

        var firings = await _h.FiringsAsync();
        Assert.Equal([("three_views", "v2"), ("cart_abandonment", "cart")], firings.Select(f => (f.TriggerId, f.CauseEventId)));
        // One held dispatch per firing; the ticks queued again those no worker claimed (none runs here).
        Assert.Equal(firings.Select(f => f.Id).Order(), (await _h.HeldDispatchesAsync()).Keys.Order());
        Assert.Equal(firings.Select(f => f.Id).Order(), _h.DrainQueued().Select(d => d.Firing.Id).Distinct().Order());
    }

    [Fact]
    public async Task A_firing_whose_record_was_lost_in_a_crash_is_recorded_and_delivered_by_a_later_visit()
    {
        await _h.SaveAsync(ThreeViews());
        var batch = _h.Batch([.. Enumerable.Range(0, 3).Select(i => Event($"v{i}", "c1", "product_view", Epoch.AddMinutes(i), Shoes))]);
        _h.CrashAtNextOutcomeRecord();
        await Assert.ThrowsAsync<IOException>(() => _h.ProcessAsync(batch));
        Assert.Empty(await _h.OutcomesAsync());

        // Redelivered at once: folded already, and too young to be taken for lost (its writer may still be at work).
        await _h.ProcessAsync(batch);
        Assert.Empty(await _h.OutcomesAsync());

        _h.Clock.Advance(TriggerStream.RepairAfter);
        await _h.ProcessAsync(Event("x", "c1", "page_view", Epoch.AddMinutes(5)));
        await _h.ProcessAsync(Event("y", "c1", "page_view", Epoch.AddMinutes(6)));

        Assert.Equal(["v2"], (await _h.FiringsAsync()).Select(f => f.CauseEventId));
        Assert.Single(_h.DrainQueued());
    }

    [Fact]
    public async Task A_paused_trigger_counts_and_fires_nothing()
    {
        await _h.SaveAsync(ThreeViews(""", "status": "paused" """));
        await _h.ProcessAsync([.. Enumerable.Range(0, 3).Select(i => Event($"v{i}", "c1", "product_view", Epoch.AddMinutes(i), Shoes))]);

        Assert.Empty(await _h.OutcomesAsync());
    }
}
