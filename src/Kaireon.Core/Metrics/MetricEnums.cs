using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.Metrics;

/// <summary>How a behavioral metric aggregates its source field over the window.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<AggregateFunction>))]
public enum AggregateFunction { Count, Sum, Avg, Min, Max, Ratio }

/// <summary>The outcome field a metric aggregates; wire values as the spec writes them (<c>totalValue</c>).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<SourceField>))]
public enum SourceField { Impressions, Positive, Negative, Neutral, Converts, TotalValue }

/// <summary>What a metric may be grouped by (at most two); wire values as the spec writes them (<c>offerId</c>).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<MetricDimension>))]
public enum MetricDimension { OfferId, ChannelId, CreativeId, OutcomeType }

[JsonConverter(typeof(SnakeCaseEnumConverter<ComputeMode>))]
public enum ComputeMode { Realtime, Batch }

/// <summary>
/// <c>active</c> metrics are maintained and used by rules; <c>paused</c> ones are maintained but rules
/// skip them, so resuming is instant; <c>archived</c> ones are no longer maintained (their values are
/// still served, computed from history when read).
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<MetricStatus>))]
public enum MetricStatus { Active, Paused, Archived }

/// <summary>Where the backfill of a new or changed metric stands.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<BackfillState>))]
public enum BackfillState { Pending, Running, Complete }
