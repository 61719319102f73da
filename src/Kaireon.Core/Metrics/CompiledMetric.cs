using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.OutcomeTypes;

namespace Kaireon.Core.Metrics;

/// <summary>
/// A behavioral metric ready to fold interactions: its filter compiled once per computation
/// version, and how an interaction maps onto its source field, denominator and group.
/// </summary>
public sealed class CompiledMetric
{
    private readonly Func<Interaction, bool> _filter;

    public CompiledMetric(BehavioralMetric metric)
    {
        Metric = metric;
        Version = metric.ComputationVersion();
        Function = metric.AggregateFunction ?? AggregateFunction.Count;
        Source = metric.SourceField ?? SourceField.Impressions;
        Denominator = Function == AggregateFunction.Ratio ? metric.RatioDenominator ?? SourceField.Impressions : null;
        Dimensions = [.. metric.GroupByDimensions ?? []];
        DimensionNames = [.. Dimensions.Select(CamelCaseEnumConverter<MetricDimension>.NameOf)];
        _filter = MetricFilter.Compile(metric.FilterConditions);
    }

    public BehavioralMetric Metric { get; }
    public string Id => Metric.Id!;
    public string Version { get; }
    public AggregateFunction Function { get; }
    public SourceField Source { get; }
    public SourceField? Denominator { get; }
    public MetricDimension[] Dimensions { get; }
    public string[] DimensionNames { get; }
    public int? WindowDays => Metric.WindowDays;

    /// <summary>Whether the stream keeps this metric's buckets (archived metrics are computed from history when read).</summary>
    public bool Maintained => Metric.Status != MetricStatus.Archived;

    /// <summary>The bucket key of <paramref name="day"/>, or null when the day is outside the window that ends <paramref name="today"/>.</summary>
    public string? BucketOf(UtcDay day, UtcDay today)
    {
        if (WindowDays is not { } window) return MetricSection.AllTime;
        var (first, last) = today.WindowEndingHere(window);
        return day >= first && day <= last ? day.ToString() : null;
    }

    /// <summary>Adds the interaction to <paramref name="cells"/> when it passes the filter and carries the source or denominator field.</summary>
    public void Fold(Dictionary<string, MetricCell> cells, Interaction interaction)
    {
        var source = ValueOf(Source, interaction);
        var denominator = Denominator is { } field ? ValueOf(field, interaction) : null;
        if (source is null && denominator is null) return;
        if (!_filter(interaction)) return;

        var key = GroupKey(interaction);
        if (!cells.TryGetValue(key, out var cell)) cells[key] = cell = new MetricCell();
        if (source is { } value) cell.AddSource(value);
        if (denominator is { } d) cell.Denominator += d;
    }

    /// <summary>
    /// The source field's value in one interaction, or null when the interaction does not carry it:
    /// the outcome fields are 1 for an interaction of that outcome (a conversion is also positive),
    /// <c>totalValue</c> is the interaction's value. So <c>count</c> counts the interactions that carry
    /// the field and <c>avg</c> is the average over them (average order value).
    /// </summary>
    public static decimal? ValueOf(SourceField field, Interaction interaction) => field switch
    {
        SourceField.Impressions => interaction.Outcome == OutcomeCategory.Impression ? 1 : null,
        SourceField.Positive => interaction.Outcome is OutcomeCategory.Positive or OutcomeCategory.Conversion ? 1 : null,
        SourceField.Negative => interaction.Outcome == OutcomeCategory.Negative ? 1 : null,
        SourceField.Neutral => interaction.Outcome == OutcomeCategory.Neutral ? 1 : null,
        SourceField.Converts => interaction.Outcome == OutcomeCategory.Conversion ? 1 : null,
        SourceField.TotalValue => interaction.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    public static string? DimensionOf(MetricDimension dimension, Interaction interaction) => dimension switch
    {
        MetricDimension.OfferId => interaction.OfferId,
        MetricDimension.ChannelId => interaction.ChannelId,
        MetricDimension.CreativeId => interaction.CreativeId,
        MetricDimension.OutcomeType => interaction.Type,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    /// <summary>The group's values joined by <c>|</c> (absent → empty), which no id or outcome key contains.</summary>
    public string GroupKey(Interaction interaction) => Dimensions.Length switch
    {
        0 => "",
        1 => DimensionOf(Dimensions[0], interaction) ?? "",
        _ => string.Join('|', Dimensions.Select(d => DimensionOf(d, interaction) ?? "")),
    };

    /// <summary>The dimension values of a group key, by wire name (<c>channelId</c>); an empty part is null.</summary>
    public Dictionary<string, string?> DimensionsOf(string groupKey)
    {
        var parts = Dimensions.Length == 0 ? [] : groupKey.Split('|');
        var values = new Dictionary<string, string?>(Dimensions.Length, StringComparer.Ordinal);
        for (var i = 0; i < Dimensions.Length; i++) values[DimensionNames[i]] = parts[i].Length == 0 ? null : parts[i];
        return values;
    }
}
