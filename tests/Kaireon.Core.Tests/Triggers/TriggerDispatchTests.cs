using Kaireon.Core.Triggers;
using static Kaireon.Core.Tests.Triggers.TriggerHarness;

namespace Kaireon.Core.Tests.Triggers;

/// <summary>
/// A firing's actions survive the process that fired it (<see cref="TriggerDispatches"/>): held
/// durably until a worker has run them, handed on by the timer when a lease runs out, and run by one
/// worker however many copies are queued. The worker here is the test: it drains the queue, claims,
/// and advances as <c>TriggerActionWorker</c> does; a dispatch drained and dropped is a process that died.
/// </summary>
public sealed class TriggerDispatchTests : IAsyncLifetime
{
    private TriggerHarness _h = null!;

    public async ValueTask InitializeAsync() => _h = await StartAsync();

    public async ValueTask DisposeAsync() => await _h.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Webhook = """{ "type": "webhook", "url": "https://hooks.example.com/kaireon", "secret": "0123456789abcdef0123" }""";

    private static string ThreeViews(string actions = Webhook) => $$"""
        { "id": "three_views", "name": "Three views in 10 minutes",
          "conditions": [ { "type": "threshold", "eventType": "product_view", "count": 3, "windowMinutes": 10 } ],
          "actions": [ {{actions}} ] }
        """;

    private Task FireAsync(string customer = "c1") =>
        _h.ProcessAsync([.. Enumerable.Range(0, 3).Select(i => Event($"{customer}-v{i}", customer, "product_view", Epoch.AddMinutes(i)))]);

    /// <summary>Fires with the process dying at the outcome record's append: the dispatch is held and queued already.</summary>
    private async Task<TriggerDispatch> FireAndLoseTheRecordAsync()
    {
        await _h.SaveAsync(ThreeViews());
        _h.CrashAtNextOutcomeRecord();
        await Assert.ThrowsAsync<IOException>(() => FireAsync());
        Assert.Empty(await _h.OutcomesAsync());
        return Assert.Single(_h.DrainQueued());
    }

    [Fact]
    public async Task Actions_left_by_a_process_that_died_are_handed_on_by_the_timer_once_their_lease_runs_out()
    {
        await _h.SaveAsync(ThreeViews());
        await FireAsync();
        var firing = Assert.Single(await _h.FiringsAsync());
        Assert.Equal(firing.Id, Assert.Single(_h.DrainQueued()).Firing.Id); // queued, then lost with the process
        Assert.Equal([firing.Id], (await _h.HeldDispatchesAsync()).Keys);

        // Within the lease the fired process may still be running them: the timer leaves them alone.
        _h.Clock.Advance(TriggerDispatches.Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await _h.Timer.RunAsync(Ct)).Redispatched);
        Assert.Empty(_h.DrainQueued());

        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await _h.Timer.RunAsync(Ct)).Redispatched);
        var handedOn = Assert.Single(_h.DrainQueued());
        Assert.Equal((firing.Id, 0, "three_views"), (handedOn.Firing.Id, handedOn.NextAction, handedOn.Trigger.Id));

        var owned = await _h.Dispatches.ClaimAsync(handedOn, Ct);
        Assert.NotNull(owned);
        Assert.Null(await _h.Dispatches.AdvanceAsync(owned, Ct)); // the only action ran: done
        Assert.Empty(await _h.HeldDispatchesAsync());
        _h.Clock.Advance(TriggerDispatches.Lease * 3);
        Assert.Equal(0, (await _h.Timer.RunAsync(Ct)).Redispatched);
    }

    [Fact]
    public async Task Of_the_fired_process_copy_and_the_timer_copy_only_one_runs()
    {
        await _h.SaveAsync(ThreeViews());
        await FireAsync();
        var fired = Assert.Single(_h.DrainQueued());
        _h.Clock.Advance(TriggerDispatches.Lease);
        await _h.Timer.RunAsync(Ct);
        var handedOn = Assert.Single(_h.DrainQueued());

        var owned = await _h.Dispatches.ClaimAsync(handedOn, Ct);
        Assert.NotNull(owned);
        Assert.Null(await _h.Dispatches.ClaimAsync(fired, Ct)); // its queue was slow: the claim moved on
        Assert.Null(await _h.Dispatches.AdvanceAsync(owned, Ct));
        Assert.Null(await _h.Dispatches.ClaimAsync(handedOn, Ct)); // done: nothing to claim
    }

    [Fact]
    public async Task A_worker_that_dies_between_actions_leaves_the_rest_to_run_from_the_next_action()
    {
        await _h.SaveAsync(ThreeViews($$"""{{Webhook}}, { "type": "add_segment", "segment": "hot" }, {{Webhook}}"""));
        await FireAsync();
        var owned = await _h.Dispatches.ClaimAsync(Assert.Single(_h.DrainQueued()), Ct);
        owned = await _h.Dispatches.AdvanceAsync(owned!, Ct);
        Assert.Equal(1, owned!.NextAction);
        Assert.Equal(1, Assert.Single(await _h.HeldDispatchesAsync()).Value);

        // The renewed claim holds a full lease from the renewal.
        _h.Clock.Advance(TriggerDispatches.Lease);
        await _h.Timer.RunAsync(Ct);
        var handedOn = Assert.Single(_h.DrainQueued());
        Assert.Equal(1, handedOn.NextAction);
        owned = await _h.Dispatches.ClaimAsync(handedOn, Ct);
        owned = await _h.Dispatches.AdvanceAsync(owned!, Ct);
        Assert.Equal(2, owned!.NextAction);
        Assert.Null(await _h.Dispatches.AdvanceAsync(owned, Ct));
        Assert.Empty(await _h.HeldDispatchesAsync());
    }

    [Fact]
    public async Task A_firing_whose_record_was_lost_keeps_one_dispatch_and_is_not_dispatched_again_once_its_actions_ran()
    {
        var dispatch = await FireAndLoseTheRecordAsync();

        // The worker runs it: its first attempt is logged, then the entry goes.
        var owned = await _h.Dispatches.ClaimAsync(dispatch, Ct);
        await _h.Log.AppendAsync(_h.Tenant, new TriggerDelivery
        {
            Id = TriggerLog.DeliveryId(dispatch.Firing.Id, 0, 1), FiringId = dispatch.Firing.Id, TriggerId = "three_views", CustomerId = "c1",
            ActionIndex = 0, Action = TriggerActionType.Webhook, Attempt = 1, Status = DeliveryStatus.Delivered, At = _h.Clock.GetUtcNow(),
        }, Ct);
        Assert.Null(await _h.Dispatches.AdvanceAsync(owned!, Ct));

        // A later visit records the lost firing, and does not deliver it again.
        _h.Clock.Advance(TriggerStream.RepairAfter);
        await _h.ProcessAsync(Event("x", "c1", "page_view", Epoch.AddMinutes(5)));
        Assert.Equal(dispatch.Firing.Id, Assert.Single(await _h.FiringsAsync()).Id);
        Assert.Empty(_h.DrainQueued());
        Assert.Empty(await _h.HeldDispatchesAsync());
    }

    [Fact]
    public async Task A_firing_whose_record_was_lost_before_its_actions_ran_keeps_its_one_held_dispatch()
    {
        var dispatch = await FireAndLoseTheRecordAsync();

        _h.Clock.Advance(TriggerStream.RepairAfter);
        await _h.ProcessAsync(Event("x", "c1", "page_view", Epoch.AddMinutes(5)));
        Assert.Single(await _h.FiringsAsync());
        Assert.Empty(_h.DrainQueued()); // already held: the holder (or the timer) runs it
        Assert.Equal([dispatch.Firing.Id], (await _h.HeldDispatchesAsync()).Keys);
    }
}
