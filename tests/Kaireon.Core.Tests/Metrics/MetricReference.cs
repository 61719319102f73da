using Kaireon.Core.Interactions;
using Kaireon.Core.Metrics;
using Kaireon.Core.OutcomeTypes;

namespace Kaireon.Core.Tests.Metrics;

/// <summary>
/// Metric values computed the slow, obvious way straight from raw interactions, written apart from
/// the product's code so the two can disagree: the reference every metric test compares against.
/// </summary>
public static class MetricReference
{
    public static Dictionary<string, decimal?> Values(
        BehavioralMetric metric, IEnumerable<Interaction> history, DateOnly today, Func<Interaction, bool> filter)
    {
        var first = metric.WindowDays is { } days ? today.AddDays(1 - days) : DateOnly.MinValue;
        var inWindow = history.Where(i => DateOnly.FromDateTime(i.Timestamp.UtcDateTime) is var d && d >= first && d <= today && filter(i)).ToList();
        var dimensions = metric.GroupByDimensions ?? [];
        var groups = inWindow
            .Where(i => Field(metric.SourceField!.Value, i) is not null || (metric.AggregateFunction == AggregateFunction.Ratio && Field(metric.RatioDenominator ?? SourceField.Impressions, i) is not null))
            .GroupBy(i => string.Join('|', dimensions.Select(d => Dimension(d, i) ?? "")));
        var result = new Dictionary<string, decimal?>();
        foreach (var group in groups)
        {
            var values = group.Select(i => Field(metric.SourceField!.Value, i)).Where(v => v is not null).Select(v => v!.Value).ToList();
            var denominator = group.Select(i => Field(metric.RatioDenominator ?? SourceField.Impressions, i) ?? 0).Sum();
            result[group.Key] = metric.AggregateFunction switch
            {
                AggregateFunction.Count => values.Count,
                AggregateFunction.Sum => values.Sum(),
                AggregateFunction.Avg => values.Count == 0 ? null : values.Sum() / values.Count,
                AggregateFunction.Min => values.Count == 0 ? null : values.Min(),
                AggregateFunction.Max => values.Count == 0 ? null : values.Max(),
                AggregateFunction.Ratio => denominator == 0 ? null : values.Sum() / denominator,
                _ => throw new InvalidOperationException(),
            };
        }
        if (dimensions.Count == 0 && result.Count == 0)
            result[""] = metric.AggregateFunction is AggregateFunction.Count or AggregateFunction.Sum ? 0 : null;
        return result;
    }

    private static decimal? Field(SourceField field, Interaction i) => field switch
    {
        SourceField.Impressions => i.Outcome == OutcomeCategory.Impression ? 1 : null,
        SourceField.Positive => i.Outcome is OutcomeCategory.Positive or OutcomeCategory.Conversion ? 1 : null,
        SourceField.Negative => i.Outcome == OutcomeCategory.Negative ? 1 : null,
        SourceField.Neutral => i.Outcome == OutcomeCategory.Neutral ? 1 : null,
        SourceField.Converts => i.Outcome == OutcomeCategory.Conversion ? 1 : null,
        SourceField.TotalValue => i.Value,
        _ => null,
    };

    private static string? Dimension(MetricDimension dimension, Interaction i) => dimension switch
    {
        MetricDimension.OfferId => i.OfferId,
        MetricDimension.ChannelId => i.ChannelId,
        MetricDimension.CreativeId => i.CreativeId,
        _ => i.Type,
    };

    /// <summary>A seeded history of one customer over <paramref name="days"/> days ending <paramref name="today"/>.</summary>
    public static List<Interaction> History(int seed, int count, DateOnly today, int days, string customerId = "c1")
    {
        var random = new Random(seed);
        (string Type, OutcomeCategory? Outcome)[] types =
            [("impression", OutcomeCategory.Impression), ("click", OutcomeCategory.Positive), ("convert", OutcomeCategory.Conversion),
             ("dismiss", OutcomeCategory.Negative), ("view", OutcomeCategory.Neutral), ("complete_course", null)];
        return [.. Enumerable.Range(0, count).Select(n =>
        {
            var (type, outcome) = types[random.Next(types.Length)];
            var day = today.AddDays(-random.Next(days));
            return new Interaction
            {
                EventId = $"e{n}",
                CustomerId = customerId,
                Type = type,
                Outcome = outcome,
                Timestamp = new DateTimeOffset(day.ToDateTime(new TimeOnly(random.Next(24), random.Next(60))), TimeSpan.Zero),
                OfferId = random.Next(4) == 0 ? null : $"o{random.Next(3)}",
                CreativeId = $"cr{random.Next(2)}",
                ChannelId = random.Next(2) == 0 ? "web" : "email",
                Value = outcome == OutcomeCategory.Conversion || random.Next(5) == 0 ? Math.Round((decimal)random.NextDouble() * 200, 2) : null,
            };
        })];
    }
}
