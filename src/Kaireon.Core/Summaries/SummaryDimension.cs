using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.Summaries;

/// <summary>A grouping key of a summary; wire values are snake_case (<c>sub_category_id</c>).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<SummaryDimension>))]
public enum SummaryDimension { OfferId, CreativeId, CategoryId, SubCategoryId, ChannelId, PlacementType, Direction, OutcomeKey }

/// <summary>A value computed for every group of a summary; wire values are snake_case (<c>sum_value</c>).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<SummaryAggregate>))]
public enum SummaryAggregate { Count, SumValue, LastContact, DistinctOffers }
