namespace Kaireon.Core.Summaries;

/// <summary>
/// One group of a summary over a window: its dimension values (only the definition's dimensions)
/// and its aggregates (only the definition's; the others stay null).
/// </summary>
public sealed record SummaryRow(
    IReadOnlyDictionary<SummaryDimension, string?> Dimensions,
    long? Count,
    decimal? SumValue,
    DateTimeOffset? LastContact,
    int? DistinctOffers);
