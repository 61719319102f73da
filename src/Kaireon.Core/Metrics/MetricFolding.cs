using Kaireon.Core.Interactions;
using Kaireon.Core.Json;

namespace Kaireon.Core.Metrics;

/// <summary>
/// Builds and advances a <see cref="CustomerMetricBook"/> from day documents. Pure: the callers do
/// the reads and the conditional writes.
/// </summary>
public static class MetricFolding
{
    /// <summary>Whether the book holds buckets of the current version for every maintained metric.</summary>
    public static bool IsCurrent(CustomerMetricBook? book, IReadOnlyList<CompiledMetric> metrics) =>
        book is not null && metrics.All(m => !m.Maintained || (book.Sections.TryGetValue(m.Id, out var s) && s.Version == m.Version));

    /// <summary>The book of the whole history, keeping the snapshots of unchanged metrics.</summary>
    public static CustomerMetricBook Rebuild(
        IReadOnlyList<CompiledMetric> metrics, IEnumerable<CustomerDay> history, UtcDay today, CustomerMetricBook? previous)
    {
        var book = new CustomerMetricBook();
        foreach (var metric in metrics.Where(m => m.Maintained)) book.Sections[metric.Id] = new MetricSection { Version = metric.Version };
        foreach (var day in history) FoldTail(book, metrics, day, today);
        RefreshTotals(book, metrics, today);
        if (previous is not null)
        {
            foreach (var (id, snapshot) in previous.Snapshots)
            {
                if (metrics.FirstOrDefault(m => m.Id == id) is { } metric && metric.Version == snapshot.Version) book.Snapshots[id] = snapshot;
            }
        }
        return book;
    }

    /// <summary>
    /// Folds into a current book (in place: callers hand it a freshly read copy) the interactions of
    /// <paramref name="days"/> it does not hold yet, and drops buckets that left every window and
    /// sections of metrics no longer maintained; false when nothing changed.
    /// </summary>
    public static bool Advance(CustomerMetricBook book, IReadOnlyList<CompiledMetric> metrics, IEnumerable<CustomerDay> days, UtcDay today)
    {
        var changed = Prune(book, metrics, today);
        foreach (var day in days)
        {
            if (day.Interactions.Count <= book.Folded.GetValueOrDefault(day.Day.ToString())) continue;
            FoldTail(book, metrics, day, today);
            changed = true;
        }
        if (changed || book.Sections.Values.Any(s => s.Totals is not null && s.TotalsDay != today.ToString()))
        {
            RefreshTotals(book, metrics, today);
            changed = true;
        }
        return changed;
    }

    /// <summary>Folds the day's interactions past the book's count for that day, and moves the count on.</summary>
    public static void FoldTail(CustomerMetricBook book, IReadOnlyList<CompiledMetric> metrics, CustomerDay day, UtcDay today)
    {
        var dayKey = day.Day.ToString();
        var from = book.Folded.GetValueOrDefault(dayKey);
        if (day.Interactions.Count <= from) return;
        foreach (var metric in metrics)
        {
            if (!book.Sections.TryGetValue(metric.Id, out var section) || metric.BucketOf(day.Day, today) is not { } bucket) continue;
            if (!section.Days.TryGetValue(bucket, out var cells)) section.Days[bucket] = cells = new(StringComparer.Ordinal);
            for (var i = from; i < day.Interactions.Count; i++) metric.Fold(cells, day.Interactions[i]);
            if (cells.Count == 0) section.Days.Remove(bucket);
        }
        book.Folded[dayKey] = day.Interactions.Count;
    }

    /// <summary>
    /// The metric's values for the window ending <paramref name="today"/>: its buckets plus
    /// <paramref name="unfolded"/> interactions the book does not hold yet, grouped, filtered by
    /// dimension values and ordered by group. Without grouping there is always exactly one value.
    /// </summary>
    public static IReadOnlyList<MetricValue> Compute(
        CompiledMetric metric, MetricSection? section, IEnumerable<(UtcDay Day, Interaction Interaction)> unfolded, UtcDay today,
        IReadOnlyDictionary<MetricDimension, string>? filters = null)
    {
        var groups = new Dictionary<string, MetricCell>(StringComparer.Ordinal);
        if (section is not null)
        {
            if (section.Totals is { } totals && section.TotalsDay == today.ToString())
            {
                foreach (var (key, cell) in totals) groups[key] = cell.Clone();
            }
            else
            {
                Sum(metric, section, today, groups);
            }
        }
        foreach (var (day, interaction) in unfolded)
        {
            if (metric.BucketOf(day, today) is not null) metric.Fold(groups, interaction);
        }
        return Values(metric, groups, filters);
    }

    private static IReadOnlyList<MetricValue> Values(
        CompiledMetric metric, Dictionary<string, MetricCell> groups, IReadOnlyDictionary<MetricDimension, string>? filters)
    {
        if (metric.Dimensions.Length == 0)
            return [new MetricValue(new Dictionary<string, string?>(), (groups.GetValueOrDefault("") ?? new MetricCell()).Value(metric.Function))];
        var all = groups.OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MetricValue(metric.DimensionsOf(g.Key), g.Value.Value(metric.Function)))
            .ToList();
        return Select(metric, all, filters);
    }

    /// <summary>
    /// The values whose dimensions match every filter. A group named in full by the filters has a
    /// value even without history: 0 for count and sum, null otherwise (as a metric without grouping).
    /// </summary>
    public static IReadOnlyList<MetricValue> Select(
        CompiledMetric metric, IReadOnlyList<MetricValue> values, IReadOnlyDictionary<MetricDimension, string>? filters)
    {
        if (filters is null || filters.Count == 0) return values;
        var wanted = filters.ToDictionary(f => CamelCaseEnumConverter<MetricDimension>.NameOf(f.Key), f => f.Value, StringComparer.Ordinal);
        var selected = values.Where(v => wanted.All(w => v.Dimensions.TryGetValue(w.Key, out var actual) && actual == w.Value)).ToList();
        if (selected.Count == 0 && metric.Dimensions.All(filters.ContainsKey))
            selected.Add(new MetricValue(metric.DimensionNames.ToDictionary(n => n, n => (string?)wanted[n], StringComparer.Ordinal), new MetricCell().Value(metric.Function)));
        return selected;
    }

    private static void Sum(CompiledMetric metric, MetricSection section, UtcDay today, Dictionary<string, MetricCell> groups)
    {
        foreach (var (bucket, cells) in section.Days)
        {
            if (!InWindow(metric, bucket, today)) continue;
            foreach (var (key, cell) in cells)
            {
                if (!groups.TryGetValue(key, out var sum)) groups[key] = sum = new MetricCell();
                sum.Merge(cell);
            }
        }
    }

    /// <summary>Sums each windowed section's days into its totals as of today (an all-time section is its own total).</summary>
    private static void RefreshTotals(CustomerMetricBook book, IReadOnlyList<CompiledMetric> metrics, UtcDay today)
    {
        foreach (var metric in metrics)
        {
            if (metric.WindowDays is null || !book.Sections.TryGetValue(metric.Id, out var section)) continue;
            var totals = new Dictionary<string, MetricCell>(StringComparer.Ordinal);
            Sum(metric, section, today, totals);
            section.Totals = totals;
            section.TotalsDay = today.ToString();
        }
    }

    private static bool InWindow(CompiledMetric metric, string bucket, UtcDay today)
    {
        if (metric.WindowDays is not { } window) return bucket == MetricSection.AllTime;
        var (first, _) = today.WindowEndingHere(window);
        // Day keys are yyyy-MM-dd, which sort as the days do; buckets are never later than today.
        return string.CompareOrdinal(bucket, first.ToString()) >= 0 && bucket != MetricSection.AllTime;
    }

    /// <summary>Drops sections of metrics no longer maintained, snapshots of deleted ones, and buckets of days that left the window; true when any went.</summary>
    private static bool Prune(CustomerMetricBook book, IReadOnlyList<CompiledMetric> metrics, UtcDay today)
    {
        var pruned = false;
        foreach (var id in book.Sections.Keys.Where(id => !metrics.Any(m => m.Id == id && m.Maintained)).ToList()) pruned |= book.Sections.Remove(id);
        foreach (var id in book.Snapshots.Keys.Where(id => !metrics.Any(m => m.Id == id)).ToList()) pruned |= book.Snapshots.Remove(id);
        foreach (var metric in metrics)
        {
            if (!book.Sections.TryGetValue(metric.Id, out var section)) continue;
            foreach (var bucket in section.Days.Keys.Where(b => !InWindow(metric, b, today)).ToList())
            {
                section.Days.Remove(bucket);
                pruned = true;
            }
        }
        return pruned;
    }

}
