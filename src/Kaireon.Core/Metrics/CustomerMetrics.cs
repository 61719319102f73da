using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Core.Metrics;

/// <summary>
/// A customer's metric values: kept up to date by the stream and the metric jobs, read by the
/// values API and by decisions. A read costs two point reads (the book and today's day document,
/// concurrently) and is exact: today's interactions the stream has not folded yet are added, and a
/// book without current buckets for a metric (created or changed a moment ago) is rebuilt in memory
/// from the customer's whole history, one range query.
/// </summary>
public sealed class CustomerMetrics(ICustomerStore customers, TimeProvider clock)
{
    private const int MaxAttempts = 20;

    /// <summary>
    /// Folds the given day documents into the customer's book (or rebuilds it from all history when
    /// it is not current) with one conditional write; nothing is written when nothing changed.
    /// </summary>
    public Task UpdateAsync(
        TenantId tenant, string customerId, IReadOnlyList<CompiledMetric> metrics, IReadOnlyCollection<CustomerDay> days, CancellationToken ct) =>
        WriteAsync(tenant, customerId, metrics, (book, today) => MetricFolding.Advance(book, metrics, days, today), ct);

    /// <summary>Recomputes the snapshots of <paramref name="batch"/> metrics from the customer's current buckets.</summary>
    public Task SnapshotAsync(
        TenantId tenant, string customerId, IReadOnlyList<CompiledMetric> metrics, IReadOnlyList<CompiledMetric> batch, CancellationToken ct) =>
        WriteAsync(tenant, customerId, metrics, (book, today) =>
        {
            var now = clock.GetUtcNow();
            foreach (var metric in batch)
            {
                var section = book.Sections.GetValueOrDefault(metric.Id);
                book.Snapshots[metric.Id] = new MetricSnapshot(metric.Version, now, ValidUntil(metric, section, today),
                    MetricFolding.Compute(metric, section, [], today));
            }
            return batch.Count > 0;
        }, ct);

    public Task<CustomerMetricsView> ReadAsync(TenantId tenant, string customerId, IReadOnlyList<CompiledMetric> metrics, CancellationToken ct) =>
        ReadAsync(tenant, customerId, metrics, loaded: null, ct);

    /// <param name="loaded">
    /// What the caller has just read of the customer (a decision reads all it needs in one query);
    /// null to read the book and today's day document here.
    /// </param>
    public async Task<CustomerMetricsView> ReadAsync(
        TenantId tenant, string customerId, IReadOnlyList<CompiledMetric> metrics, LoadedCustomer? loaded, CancellationToken ct)
    {
        var partition = new DocumentPartition(tenant, customerId);
        var now = clock.GetUtcNow();
        var today = UtcDay.Of(now);
        // Batch metrics are served from their snapshots in the book: one point read when every one is valid.
        var onlyBatch = metrics.All(m => m.Metric.ComputeMode == ComputeMode.Batch);
        var bookRead = loaded is not null ? Task.FromResult(loaded.Book) : customers.FindAsync(partition, CustomerMetricBook.DocumentId, ct);
        var todayRead = loaded is not null ? Task.FromResult(loaded.Day(today)) : onlyBatch ? null : customers.FindAsync(partition, today.DocumentId, ct);
        var book = (await bookRead)?.Deserialize(KaireonJson.Default.CustomerMetricBook);
        if (onlyBatch && book is not null && metrics.All(m => CustomerMetricsView.ValidSnapshot(book, m, now) is not null))
            return new CustomerMetricsView(book, [], now);
        todayRead ??= customers.FindAsync(partition, today.DocumentId, ct);
        var todayDoc = (await todayRead)?.Deserialize(KaireonJson.Default.CustomerDay);

        if (!metrics.All(m => book?.Sections.GetValueOrDefault(m.Id)?.Version == m.Version))
        {
            // Created or changed since the book was written, or archived (or a customer the stream has
            // not reached yet): the history, in memory only — what the caller read when it covers every window.
            var history = loaded is not null && metrics.All(m => m.WindowDays is { } window && loaded.Covers(today, window))
                ? [.. loaded.Days.Select(d => d.Deserialize(KaireonJson.Default.CustomerDay)!)]
                : await HistoryAsync(partition, ct);
            var everyMetric = metrics.Select(m => m.Maintained ? m : new CompiledMetric(m.Metric with { Status = MetricStatus.Active })).ToList();
            return new CustomerMetricsView(MetricFolding.Rebuild(everyMetric, history, today, book), [], now);
        }
        var unfolded = todayDoc is null
            ? []
            : todayDoc.Interactions.Skip(book!.Folded.GetValueOrDefault(today.ToString())).Select(i => (today, i)).ToList();
        return new CustomerMetricsView(book!, unfolded, now);
    }

    private async Task WriteAsync(
        TenantId tenant, string customerId, IReadOnlyList<CompiledMetric> metrics, Func<CustomerMetricBook, UtcDay, bool> change, CancellationToken ct)
    {
        if (metrics.Count == 0) return;
        var partition = new DocumentPartition(tenant, customerId);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var today = UtcDay.Of(clock.GetUtcNow());
            var stored = await customers.FindAsync(partition, CustomerMetricBook.DocumentId, ct);
            var book = stored?.Deserialize(KaireonJson.Default.CustomerMetricBook);
            CustomerMetricBook next;
            if (MetricFolding.IsCurrent(book, metrics))
            {
                if (!change(book!, today)) return;
                next = book!;
            }
            else
            {
                next = MetricFolding.Rebuild(metrics, await HistoryAsync(partition, ct), today, book);
                change(next, today);
            }

            var document = new PartitionedDocument
            {
                Partition = partition,
                Id = CustomerMetricBook.DocumentId,
                Body = JsonSerializer.SerializeToElement(next, KaireonJson.Default.CustomerMetricBook),
            };
            var written = stored is null ? await customers.CreateAsync(document, ct) : await customers.ReplaceAsync(document, stored.Etag, ct);
            if (written.Ok) return;
        }
        throw new InvalidOperationException($"The metric book of a customer in {tenant} kept changing under {MaxAttempts} attempts to update it.");
    }

    private async Task<IReadOnlyList<CustomerDay>> HistoryAsync(DocumentPartition partition, CancellationToken ct)
    {
        // Day ids are day|yyyy-MM-dd; '~' sorts after every digit, so the range holds every day document.
        var documents = await customers.RangeAsync(partition, "day|", "day|~", ct);
        return [.. documents.Select(d => d.Deserialize(KaireonJson.Default.CustomerDay)!)];
    }

    /// <summary>The next UTC midnight at which a day with data leaves the window; null for all-time or no data.</summary>
    private static DateTimeOffset? ValidUntil(CompiledMetric metric, MetricSection? section, UtcDay today)
    {
        if (metric.WindowDays is not { } window || section is null) return null;
        var (first, _) = today.WindowEndingHere(window);
        var oldest = section.Days.Keys.Where(k => string.CompareOrdinal(k, first.ToString()) >= 0).Order(StringComparer.Ordinal).FirstOrDefault();
        if (oldest is null) return null;
        var leaves = UtcDay.Parse(oldest).AddDays(window);
        return new DateTimeOffset(leaves.Date, TimeOnly.MinValue, TimeSpan.Zero);
    }
}

/// <summary>A customer's metric buckets as read, with today's interactions not folded yet: computes any of the metrics read.</summary>
public sealed class CustomerMetricsView(CustomerMetricBook book, IReadOnlyList<(UtcDay Day, Interaction Interaction)> unfolded, DateTimeOffset now)
{
    public DateTimeOffset Now => now;

    /// <summary>
    /// The metric's values and when they were computed: a batch metric's snapshot while it is valid,
    /// otherwise (and for realtime metrics) computed now from the buckets.
    /// </summary>
    public (IReadOnlyList<MetricValue> Values, DateTimeOffset ComputedAt) Values(
        CompiledMetric metric, IReadOnlyDictionary<MetricDimension, string>? filters = null)
    {
        if (ValidSnapshot(book, metric, now) is { } snapshot) return (MetricFolding.Select(metric, snapshot.Values, filters), snapshot.ComputedAt);
        return (MetricFolding.Compute(metric, book.Sections.GetValueOrDefault(metric.Id), unfolded, UtcDay.Of(now), filters), now);
    }

    /// <summary>A batch metric's snapshot of its current version that has not expired, or null.</summary>
    public static MetricSnapshot? ValidSnapshot(CustomerMetricBook book, CompiledMetric metric, DateTimeOffset now) =>
        metric.Metric.ComputeMode == ComputeMode.Batch
        && book.Snapshots.TryGetValue(metric.Id, out var snapshot) && snapshot.Version == metric.Version
        && (snapshot.ValidUntil is null || now < snapshot.ValidUntil)
            ? snapshot
            : null;
}

/// <summary>
/// What a caller has already read of one customer's partition: the metric book (null when absent) and
/// every day document from <see cref="From"/> to today (absent days have none).
/// </summary>
public sealed record LoadedCustomer(PartitionedDocument? Book, IReadOnlyList<PartitionedDocument> Days, UtcDay From)
{
    public PartitionedDocument? Day(UtcDay day) => Days.FirstOrDefault(d => d.Id == day.DocumentId);

    /// <summary>Whether the days read hold a whole window of <paramref name="windowDays"/> days ending <paramref name="today"/>.</summary>
    public bool Covers(UtcDay today, int windowDays) => From.CompareTo(today.AddDays(1 - windowDays)) <= 0;
}
