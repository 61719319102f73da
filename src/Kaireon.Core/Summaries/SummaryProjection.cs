using Kaireon.Core.Interactions;

namespace Kaireon.Core.Summaries;

/// <summary>
/// Reads a summary definition out of buckets: keeps the rows that match the filters, groups them by
/// the definition's dimensions, and adds their cells. Buckets keep every dimension, so any
/// definition — created or changed a minute ago — is exact over all history.
/// </summary>
public static class SummaryProjection
{
    public static IReadOnlyList<SummaryRow> Project(
        SummaryDefinition definition, IEnumerable<RollupRow> rows, IReadOnlyDictionary<SummaryDimension, string> filters)
    {
        var dimensions = definition.Dimensions ?? [];
        var aggregates = (definition.Aggregates ?? []).ToHashSet();
        var groups = new Dictionary<string, (Dictionary<SummaryDimension, string?> Dimensions, InteractionCell Cell, HashSet<string> Offers)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (filters.Any(f => ValueOf(row.Key, f.Key) != f.Value)) continue;
            var values = dimensions.ToDictionary(d => d, d => ValueOf(row.Key, d));
            var groupKey = string.Join('\u001f', dimensions.Select(d => values[d]));
            if (!groups.TryGetValue(groupKey, out var group)) groups[groupKey] = group = (values, new InteractionCell(), new HashSet<string>(StringComparer.Ordinal));
            group.Cell.Merge(row.Cell);
            if (row.Key.OfferId is { } offer) group.Offers.Add(offer);
        }

        return [.. groups.Values
            .OrderBy(g => string.Join('\u001f', dimensions.Select(d => g.Dimensions[d])), StringComparer.Ordinal)
            .Select(g => new SummaryRow(
                g.Dimensions,
                aggregates.Contains(SummaryAggregate.Count) ? g.Cell.Count : null,
                aggregates.Contains(SummaryAggregate.SumValue) ? g.Cell.SumValue : null,
                aggregates.Contains(SummaryAggregate.LastContact) ? g.Cell.LastContact : null,
                aggregates.Contains(SummaryAggregate.DistinctOffers) ? g.Offers.Count : null))];
    }

    /// <summary>A customer's interactions as buckets: one cell each.</summary>
    public static IEnumerable<RollupRow> AsRows(IEnumerable<Interaction> interactions) => interactions.Select(i =>
    {
        var cell = new InteractionCell();
        cell.Add(i);
        return new RollupRow(InteractionKey.Of(i), cell);
    });

    public static string? ValueOf(InteractionKey key, SummaryDimension dimension) => dimension switch
    {
        SummaryDimension.OfferId => key.OfferId,
        SummaryDimension.CreativeId => key.CreativeId,
        SummaryDimension.CategoryId => key.CategoryId,
        SummaryDimension.SubCategoryId => key.SubCategoryId,
        SummaryDimension.ChannelId => key.ChannelId,
        SummaryDimension.PlacementType => key.PlacementType,
        SummaryDimension.Direction => key.Direction is { } direction ? Json.SnakeCaseEnumConverter<Direction>.NameOf(direction) : null,
        SummaryDimension.OutcomeKey => key.Outcome,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };
}
