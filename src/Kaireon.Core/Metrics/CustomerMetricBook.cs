namespace Kaireon.Core.Metrics;

/// <summary>
/// A customer's metric buckets (document <c>metrics</c> in the customer's partition): per metric,
/// one cell per group per UTC day in its window (or one all-time set), and the batch snapshots.
/// </summary>
/// <remarks>
/// Day documents only grow, so <see cref="Folded"/> — how many interactions of each day document the
/// cells hold — makes folding exactly once by construction: a writer folds the interactions past
/// that count and moves it on, and a redelivered event changes no day document, so it folds nothing.
/// Every stored book is the fold of the day documents' prefixes it names, whoever wrote it and
/// however writers interleave; a book of another metric version is rebuilt from the whole history.
/// </remarks>
public sealed record CustomerMetricBook
{
    public const string DocumentId = "metrics";

    /// <summary>Day (<c>2026-03-16</c>) → how many of that day document's interactions are folded in.</summary>
    public Dictionary<string, int> Folded { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Metric id → its buckets.</summary>
    public Dictionary<string, MetricSection> Sections { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Metric id → the last batch computation (batch metrics only).</summary>
    public Dictionary<string, MetricSnapshot> Snapshots { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One metric's buckets: day (or <see cref="AllTime"/>) → group key → cell.</summary>
public sealed class MetricSection
{
    /// <summary>The bucket key of an all-time metric, which keeps no days.</summary>
    public const string AllTime = "all";

    public string Version { get; set; } = "";
    public Dictionary<string, Dictionary<string, MetricCell>> Days { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A windowed metric's cells summed over the window ending <see cref="TotalsDay"/>, refreshed by
    /// every write: a read on that day adds only what is not folded yet, whatever the window's length.
    /// </summary>
    public Dictionary<string, MetricCell>? Totals { get; set; }

    public string? TotalsDay { get; set; }
}

/// <summary>A batch metric's values as computed at <see cref="ComputedAt"/>, served until <see cref="ValidUntil"/>.</summary>
public sealed record MetricSnapshot(string Version, DateTimeOffset ComputedAt, DateTimeOffset? ValidUntil, IReadOnlyList<MetricValue> Values);

/// <summary>One value of a metric: its group's dimension values (empty without grouping) and the value.</summary>
public sealed record MetricValue(
    IReadOnlyDictionary<string, string?> Dimensions,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] decimal? Value);
