using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Metrics;

/// <summary>
/// A computed aggregation over a customer's interaction history (<c>email impressions in 7 days</c>),
/// read by qualification rules and contact policies. Every function is exact in both compute modes:
/// values come from per-day buckets kept for each metric (design §5).
/// </summary>
public sealed record BehavioralMetric : CatalogEntity
{
    public const int MaxPerTenant = 20;

    public string? Name { get; init; }
    public string Description { get; set; } = "";
    public AggregateFunction? AggregateFunction { get; init; }
    public SourceField? SourceField { get; init; }

    /// <summary>The denominator of <c>ratio</c> (default <c>impressions</c>); absent for other functions.</summary>
    public SourceField? RatioDenominator { get; set; }

    /// <summary>The N UTC days ending today, today included; null is all-time.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? WindowDays { get; init; }

    public IReadOnlyList<MetricDimension>? GroupByDimensions { get; set; } = [];

    /// <summary>A condition tree (design §6) over the interaction's fields; only matching interactions count.</summary>
    public JsonElement? FilterConditions { get; init; }

    public ComputeMode ComputeMode { get; set; } = ComputeMode.Realtime;

    /// <summary>Minutes between batch recomputations (5–1440); 0 for a realtime metric, which ignores it.</summary>
    public int BatchIntervalMin { get; set; }

    public MetricStatus Status { get; set; } = MetricStatus.Active;

    /// <summary>Server-managed, ignored on input: where computing this definition from all history stands.</summary>
    public MetricBackfill? Backfill { get; init; }

    /// <summary>
    /// Identifies what the metric computes (function, fields, window, grouping, filter), not its name
    /// or status: stored buckets of another version are rebuilt from history before they are used.
    /// </summary>
    public string ComputationVersion()
    {
        var text = new StringBuilder()
            .Append(AggregateFunction).Append('|').Append(SourceField).Append('|').Append(RatioDenominator).Append('|')
            .Append(WindowDays).Append('|').AppendJoin(',', GroupByDimensions ?? []).Append('|')
            .Append(FilterConditions is { } filter ? filter.GetRawText() : "").ToString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);
    }

    public static readonly CatalogKind<BehavioralMetric> Kind = new()
    {
        Name = "behavioral_metric",
        Route = "behavioral-metrics",
        IdPrefix = "bm_",
        Title = "Behavioral Metric",
        Json = KaireonJson.Default.BehavioralMetric,
        MaxPerTenant = MaxPerTenant,
        ForceDeletable = true,
        Normalize = static m => m with
        {
            GroupByDimensions = m.GroupByDimensions ?? [],
            RatioDenominator = m.AggregateFunction == Metrics.AggregateFunction.Ratio ? m.RatioDenominator ?? Metrics.SourceField.Impressions : null,
            BatchIntervalMin = m.ComputeMode == ComputeMode.Batch ? m.BatchIntervalMin : 0,
            Backfill = null,
        },
        Validate = static (m, errors) =>
        {
            errors.RequiredText("name", m.Name, 100);
            errors.Text("description", m.Description, 500);
            if (m.AggregateFunction is null) errors.Add("aggregateFunction", $"is required: one of {SnakeCaseEnumConverter<AggregateFunction>.Allowed}.");
            if (m.SourceField is null) errors.Add("sourceField", $"is required: one of {CamelCaseEnumConverter<SourceField>.Allowed}.");
            if (m.RatioDenominator is { } denominator && denominator == m.SourceField)
                errors.Add("ratioDenominator", "must differ from sourceField: the ratio would always be 1.");
            errors.Range("windowDays", m.WindowDays, 1, 365);
            ValidateDimensions(m.GroupByDimensions ?? [], errors);
            MetricFilter.Validate("filterConditions", m.FilterConditions, errors);
            if (m.ComputeMode == ComputeMode.Batch)
            {
                if (m.BatchIntervalMin == 0) errors.Add("batchIntervalMin", "is required for a batch metric: 5–1440 minutes.");
                else errors.Range("batchIntervalMin", m.BatchIntervalMin, 5, 1440);
            }
        },
    };

    private static void ValidateDimensions(IReadOnlyList<MetricDimension> dimensions, ValidationErrors errors)
    {
        if (dimensions.Count > 2) errors.Add("groupByDimensions", $"may hold at most 2 dimensions; it holds {dimensions.Count}.");
        for (var i = 0; i < dimensions.Count; i++)
        {
            var first = dimensions.Take(i).ToList().IndexOf(dimensions[i]);
            if (first >= 0)
                errors.Add($"groupByDimensions[{i}]", $"repeats '{CamelCaseEnumConverter<MetricDimension>.NameOf(dimensions[i])}' (groupByDimensions[{first}]); each dimension may appear once.");
        }
    }
}

/// <summary>The <c>backfill</c> field of a metric: its state and how many customers are done.</summary>
public sealed record MetricBackfill(BackfillState State, long Processed);
