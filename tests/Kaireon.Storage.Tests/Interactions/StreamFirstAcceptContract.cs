using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Metrics;
using Kaireon.Core.Audit;
using Kaireon.Core.Catalog;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Tests.Contract;

namespace Kaireon.Storage.Tests.Interactions;

/// <summary>
/// <c>POST /events</c>' stream-first accept on a real store: a new event is published and nothing
/// else is written; the stream writes it into the day document; every repeat answers duplicate —
/// while it is in flight (claimed by another request, waiting for its publish), once the stream has
/// applied it, and within one request — and is published once; a failed publish leaves nothing
/// claimed, so the next attempt sends the event.
/// </summary>
public abstract class StreamFirstAcceptContract
{
    protected abstract StoreSet Stores { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Noon = new(2026, 3, 16, 12, 0, 0, TimeSpan.Zero);
    private static readonly UtcDay Day = UtcDay.Of(Noon);

    [Fact]
    public async Task A_new_event_is_published_and_written_by_the_stream_only()
    {
        var (tenant, stream, inFlight) = (Docs.NewTenant(), new GatedStream(), new InFlightEvents());
        var recorder = Recorder(stream, inFlight);

        var accepted = await recorder.AcceptAsync(tenant, [View("e-1"), View("e-2", "c-2")], Ct);

        Assert.Equal([false, false], accepted.Select(r => r.Duplicate));
        Assert.Equal(["e-1", "e-2"], stream.Published.Select(i => i.EventId));
        Assert.Null(await DayAsync(tenant, "c-1"));
        Assert.Equal(2, inFlight.Count);

        await DrainAsync(stream, tenant, inFlight);

        Assert.Equal(["e-1"], (await DayAsync(tenant, "c-1"))!.Interactions.Select(i => i.EventId));
        Assert.Equal(0, inFlight.Count);
    }

    [Fact]
    public async Task A_repeat_answers_duplicate_in_flight_and_after_the_stream_applied_it_and_is_published_once()
    {
        var (tenant, stream, inFlight) = (Docs.NewTenant(), new GatedStream(), new InFlightEvents());
        var recorder = Recorder(stream, inFlight);
        await recorder.AcceptAsync(tenant, [View("e-1")], Ct);

        var inFlightRepeat = await recorder.AcceptAsync(tenant, [View("e-1"), View("e-2")], Ct);
        await DrainAsync(stream, tenant, inFlight);
        var appliedRepeat = await Recorder(new GatedStream(), new InFlightEvents()).AcceptAsync(tenant, [View("e-1"), View("e-2")], Ct);

        Assert.Equal([true, false], inFlightRepeat.Select(r => r.Duplicate));
        Assert.Equal([true, true], appliedRepeat.Select(r => r.Duplicate)); // another instance: the day document answers
        Assert.Equal([View("e-1"), View("e-2")], appliedRepeat.Select(r => r.Interaction)); // the stored versions, found uncached
        Assert.Equal(["e-1", "e-2"], stream.Published.Select(i => i.EventId));
    }

    [Fact]
    public async Task Copies_within_one_request_count_once()
    {
        var (tenant, stream) = (Docs.NewTenant(), new GatedStream());

        var accepted = await Recorder(stream, new InFlightEvents()).AcceptAsync(tenant, [View("e-1"), View("e-2"), View("e-1")], Ct);

        Assert.Equal([false, false, true], accepted.Select(r => r.Duplicate));
        Assert.Equal(["e-1", "e-2"], stream.Published.Select(i => i.EventId));
    }

    [Fact]
    public async Task A_concurrent_repeat_waits_for_the_first_publish_and_answers_duplicate()
    {
        var (stream, _, gate, first, repeat) = await RaceAsync();
        Assert.False(repeat.IsCompleted); // it waits for the first request's publish
        gate.SetResult();

        Assert.False((await first)[0].Duplicate);
        Assert.True((await repeat)[0].Duplicate);
        Assert.Equal(["e-1"], stream.Published.Select(i => i.EventId));
    }

    [Fact]
    public async Task When_the_first_publish_fails_a_waiting_repeat_sends_the_event_itself()
    {
        var (stream, inFlight, gate, first, repeat) = await RaceAsync();
        gate.SetException(new SimulatedCrash());

        await Assert.ThrowsAsync<SimulatedCrash>(() => first);
        Assert.False((await repeat)[0].Duplicate);
        Assert.Equal(["e-1"], stream.Published.Select(i => i.EventId));
        Assert.Equal(1, inFlight.Count);
    }

    [Fact]
    public async Task A_failed_publish_leaves_nothing_claimed_so_the_retry_is_accepted()
    {
        var (tenant, stream, inFlight) = (Docs.NewTenant(), new GatedStream(), new InFlightEvents());
        var recorder = Recorder(stream, inFlight);
        stream.HoldNext().SetException(new SimulatedCrash());

        await Assert.ThrowsAsync<SimulatedCrash>(() => recorder.AcceptAsync(tenant, [View("e-1")], Ct));
        Assert.Equal(0, inFlight.Count);
        var retried = await recorder.AcceptAsync(tenant, [View("e-1")], Ct);

        Assert.False(retried[0].Duplicate);
        Assert.Equal(["e-1"], stream.Published.Select(i => i.EventId));
    }

    [Fact]
    public void The_in_flight_set_keeps_two_generations_of_its_capacity()
    {
        var tenant = Docs.NewTenant();
        var inFlight = new InFlightEvents(capacity: 3);
        foreach (var i in Enumerable.Range(0, 7)) inFlight.ClaimFor(tenant, View($"e-{i}")).Claim.Published();

        Assert.InRange(inFlight.Count, 3, 6);
        Assert.False(inFlight.ClaimFor(tenant, View("e-6")).Mine);
        Assert.True(inFlight.ClaimFor(tenant, View("e-0")).Mine); // dropped with its generation: a repeat is published again, applied once
    }

    /// <summary>Two requests with the same event, the first one's publish held at the gate for the test to open.</summary>
    private async Task<(GatedStream Stream, InFlightEvents InFlight, TaskCompletionSource Gate, Task<IReadOnlyList<InteractionRecorder.Recorded>> First, Task<IReadOnlyList<InteractionRecorder.Recorded>> Repeat)> RaceAsync()
    {
        var (tenant, stream, inFlight) = (Docs.NewTenant(), new GatedStream(), new InFlightEvents());
        var recorder = Recorder(stream, inFlight);
        var gate = stream.HoldNext();
        var first = recorder.AcceptAsync(tenant, [View("e-1")], Ct);
        var repeat = recorder.AcceptAsync(tenant, [View("e-1")], Ct);
        await Task.Delay(50, Ct);
        return (stream, inFlight, gate, first, repeat);
    }

    private InteractionRecorder Recorder(GatedStream stream, InFlightEvents inFlight) =>
        new(Stores.Customers, stream, new TransientStoreRetry(TimeProvider.System), new CustomerDayCache(), inFlight);

    private async Task DrainAsync(GatedStream stream, TenantId tenant, InFlightEvents inFlight)
    {
        var catalog = new CatalogService(Stores.Catalog, new AuditLog(Stores.Traces, TimeProvider.System), TimeProvider.System);
        var processor = new StreamBatchProcessor(Stores.Customers, Stores.Rollups, new TransientStoreRetry(TimeProvider.System),
            new TenantMetrics(catalog, TimeProvider.System), new CustomerMetrics(Stores.Customers, TimeProvider.System),
            new ChangedCustomers(Stores.Rollups, TimeProvider.System), inFlight: inFlight);
        var entries = stream.Published.Select((i, n) => new StreamEntry(n + 1, new StreamEvent(tenant.Value, i))).ToList();
        await processor.ProcessAsync(new StreamBatch("0", entries), Ct);
    }

    private async Task<CustomerDay?> DayAsync(TenantId tenant, string customerId) =>
        (await Stores.Customers.FindAsync(new DocumentPartition(tenant, customerId), Day.DocumentId, Ct))?.Deserialize(KaireonJson.Default.CustomerDay);

    private static Interaction View(string eventId, string customerId = "c-1") => new()
    {
        EventId = eventId,
        CustomerId = customerId,
        Type = "view",
        Timestamp = Noon,
        Outcome = OutcomeCategory.Neutral,
    };

    /// <summary>A stream that keeps what it was handed; the next publish can be held until the test lets it finish or fail.</summary>
    private sealed class GatedStream : IEventPublisher
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource? _gate;

        public List<Interaction> Published { get; } = [];

        public TaskCompletionSource HoldNext() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task PublishAsync(TenantId tenant, IReadOnlyList<Interaction> interactions, CancellationToken ct)
        {
            var gate = Interlocked.Exchange(ref _gate, null);
            if (gate is not null) await gate.Task;
            lock (_lock) Published.AddRange(interactions);
        }
    }
}
