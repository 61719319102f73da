using System.Globalization;
using System.Text.Json;
using Kaireon.Core.Behaviors;
using Kaireon.Core.Conditions;
using Kaireon.Core.Interactions;

namespace Kaireon.Core.Triggers;

/// <summary>
/// A stored (validated) trigger with its filters and comparisons compiled by the one condition
/// engine (design §6). Immutable and thread-safe.
/// </summary>
public sealed class CompiledTrigger
{
    private readonly CompiledCondition?[] _filters;
    private readonly CompiledCondition?[] _awaitedFilters;
    private readonly CompiledCondition?[] _comparisons;

    public CompiledTrigger(Trigger trigger)
    {
        Definition = trigger;
        Conditions = trigger.Conditions ?? [];
        Version = trigger.Etag ?? trigger.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture);
        _filters = [.. Conditions.Select(c => Compile(c.Filter))];
        _awaitedFilters = [.. Conditions.Select(c => Compile(c.AwaitedFilter))];
        _comparisons = [.. Conditions.Select(Comparison)];
        IsAbsence = Conditions.Any(c => c.Type == TriggerConditionType.Absence);
        MetricIds = [.. Conditions.Where(c => c.Type == TriggerConditionType.Metric).Select(c => c.MetricId!).Distinct(StringComparer.Ordinal)];
    }

    public Trigger Definition { get; }
    public string Id => Definition.Id!;
    public string Version { get; }
    public IReadOnlyList<TriggerCondition> Conditions { get; }
    public bool IsActive => Definition.Status == TriggerStatus.Active;
    public bool IsAbsence { get; }
    public IReadOnlyList<string> MetricIds { get; }

    /// <summary>Whether <paramref name="e"/> is an event condition <paramref name="index"/> counts (or starts an absence with).</summary>
    public bool Matches(int index, Interaction e) =>
        Conditions[index].EventType == e.Type && Passes(_filters[index], e);

    /// <summary>Whether <paramref name="e"/> is the event an absence condition awaits.</summary>
    public bool IsAwaited(int index, Interaction e) =>
        Conditions[index].AwaitedEventType == e.Type && Passes(_awaitedFilters[index], e);

    /// <summary>A duration condition's field compared, or a metric condition's value compared (null value: false).</summary>
    public bool Compare(int index, IConditionData data) => _comparisons[index]?.Evaluate(data) == true;

    private static bool Passes(CompiledCondition? filter, Interaction e) =>
        filter is null || filter.Evaluate(e.Metadata is { ValueKind: JsonValueKind.Object } m ? new JsonConditionData(m) : Empty);

    private static readonly JsonConditionData Empty = new(JsonDocument.Parse("{}").RootElement.Clone());

    private static CompiledCondition? Compile(JsonElement? filter) =>
        filter is { ValueKind: not JsonValueKind.Null } json ? BehaviorConditions.Compile(json) : null;

    /// <summary>The comparison as a condition leaf, so the engine's rules (numeric strings, missing fields) apply.</summary>
    private static CompiledCondition? Comparison(TriggerCondition c)
    {
        var leaf = c.Type switch
        {
            TriggerConditionType.Duration => new { field = c.Field!, @operator = "gt", value = c.MinSeconds!.Value },
            TriggerConditionType.Metric => new { field = MetricField, @operator = c.Operator!, value = c.Value!.Value },
            _ => null,
        };
        if (leaf is null) return null;
        var json = $$"""{"field":{{JsonSerializer.Serialize(leaf.field, Json.KaireonJson.Default.String)}},"operator":"{{leaf.@operator}}","value":{{leaf.value.ToString("R", CultureInfo.InvariantCulture)}}}""";
        return ConditionTree.Parse(JsonDocument.Parse(json).RootElement.Clone(), BehaviorConditions.Options).Compile();
    }

    /// <summary>The field a metric comparison reads its value from.</summary>
    public const string MetricField = "value";
}
