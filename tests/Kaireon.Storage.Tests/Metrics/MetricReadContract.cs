using Kaireon.Core.Interactions;
using Kaireon.Core.Metrics;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Storage.Tests.Contract;
using Microsoft.Extensions.Time.Testing;

namespace Kaireon.Storage.Tests.Metrics;

/// <summary>
/// What a values read costs on a real store, counted: a realtime metric is two point reads (the book
/// and today's day document, whose unfolded interactions count at once), a batch metric with a valid
/// snapshot one; a metric the book does not hold yet is computed from history with one range query.
/// </summary>
public abstract class MetricReadContract
{
    protected abstract StoreSet Stores { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 16, 12, 0, 0, TimeSpan.Zero));

    private static CompiledMetric Metric(string id, ComputeMode mode) => new(BehavioralMetric.Kind.Normalize(new BehavioralMetric
    {
        Id = id, Name = id, AggregateFunction = AggregateFunction.Count, SourceField = SourceField.Positive, WindowDays = 7,
        ComputeMode = mode, BatchIntervalMin = mode == ComputeMode.Batch ? 5 : 0,
    }));

    private Interaction Click(string id, int daysAgo) => new()
    {
        EventId = id, CustomerId = "c1", Type = "click", Outcome = OutcomeCategory.Positive, Timestamp = _clock.GetUtcNow().AddDays(-daysAgo),
    };

    private async Task<CustomerDay> WriteDayAsync(TenantId tenant, params Interaction[] interactions)
    {
        var day = new CustomerDay { CustomerId = "c1", Day = interactions[0].Day, Interactions = [.. interactions] };
        await DocumentUpdate.UpdateAsync(Stores.Customers, new DocumentPartition(tenant, "c1"), day.Day.DocumentId,
            Kaireon.Core.Json.KaireonJson.Default.CustomerDay, _ => day, Ct);
        return day;
    }

    [Fact]
    public async Task A_realtime_read_is_two_point_reads_and_counts_what_the_book_has_not_folded()
    {
        var tenant = TenantId.Parse($"mr-{Guid.NewGuid():N}"[..20]);
        var realtime = Metric("bm_rt", ComputeMode.Realtime);
        var writer = new CustomerMetrics(Stores.Customers, _clock);
        var older = await WriteDayAsync(tenant, Click("e1", 3), Click("e2", 3));
        var today = await WriteDayAsync(tenant, Click("e3", 0));
        await writer.UpdateAsync(tenant, "c1", [realtime], [older, today], Ct);
        await WriteDayAsync(tenant, Click("e3", 0), Click("e4", 0)); // accepted, not folded yet

        var counting = new CountingCustomerStore(Stores.Customers);
        var view = await new CustomerMetrics(counting, _clock).ReadAsync(tenant, "c1", [realtime], Ct);

        Assert.Equal(4m, Assert.Single(view.Values(realtime).Values).Value);
        Assert.Equal((2, 0), (counting.PointReads, counting.RangeReads));
    }

    [Fact]
    public async Task A_batch_read_with_a_valid_snapshot_is_one_point_read_and_a_new_metric_costs_one_range_query()
    {
        var tenant = TenantId.Parse($"mr-{Guid.NewGuid():N}"[..20]);
        var batch = Metric("bm_batch", ComputeMode.Batch);
        var writer = new CustomerMetrics(Stores.Customers, _clock);
        var day = await WriteDayAsync(tenant, Click("e1", 1), Click("e2", 1));
        await writer.UpdateAsync(tenant, "c1", [batch], [day], Ct);
        await writer.SnapshotAsync(tenant, "c1", [batch], [batch], Ct);

        var counting = new CountingCustomerStore(Stores.Customers);
        var view = await new CustomerMetrics(counting, _clock).ReadAsync(tenant, "c1", [batch], Ct);
        Assert.Equal(2m, Assert.Single(view.Values(batch).Values).Value);
        Assert.Equal((1, 0), (counting.PointReads, counting.RangeReads));

        var created = Metric("bm_new", ComputeMode.Realtime);
        counting = new CountingCustomerStore(Stores.Customers);
        view = await new CustomerMetrics(counting, _clock).ReadAsync(tenant, "c1", [created], Ct);
        Assert.Equal(2m, Assert.Single(view.Values(created).Values).Value);
        Assert.Equal((2, 1), (counting.PointReads, counting.RangeReads));
    }

    private sealed class CountingCustomerStore(ICustomerStore inner) : ICustomerStore
    {
        public int PointReads;
        public int RangeReads;

        public Task<PartitionedDocument?> FindAsync(DocumentPartition partition, string id, CancellationToken ct)
        {
            Interlocked.Increment(ref PointReads);
            return inner.FindAsync(partition, id, ct);
        }

        public Task<int> DeleteRangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct) =>
            inner.DeleteRangeAsync(partition, fromId, toId, ct);

        public Task<IReadOnlyList<PartitionedDocument>> RangeAsync(DocumentPartition partition, string fromId, string toId, CancellationToken ct)
        {
            Interlocked.Increment(ref RangeReads);
            return inner.RangeAsync(partition, fromId, toId, ct);
        }

        public Task<WriteResult<PartitionedDocument>> CreateAsync(PartitionedDocument document, CancellationToken ct) => inner.CreateAsync(document, ct);

        public Task<WriteResult<PartitionedDocument>> ReplaceAsync(PartitionedDocument document, string? ifMatch, CancellationToken ct) =>
            inner.ReplaceAsync(document, ifMatch, ct);
    }
}
