using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Metrics;
using Kaireon.Core.Summaries;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows.Nodes;

/// <summary><c>enrich</c>: loads customer data into the evaluation context, in one round of reads.</summary>
public sealed record EnrichNode : FlowNode
{
    public EnrichConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override FlowNodeType? Type => FlowNodeType.Enrich;

    protected override void ValidateConfig(string path, ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, path, Config)) Config.Validate(path, errors);
    }

    public override IEnumerable<EntityReference> References(string path) => Config?.References(path) ?? [];

    public override void ValidateWithReferences(string path, ReferencedEntities refs, ValidationErrors errors)
    {
        var summaries = Config?.Summaries ?? [];
        for (var i = 0; i < summaries.Count; i++)
        {
            if (summaries[i]?.Window is not { } window || refs.Find(SummaryDefinition.Kind, summaries[i].DefinitionId) is not { } definition) continue;
            if (!(definition.Windows ?? []).Contains(window))
                errors.Add($"{path}.summaries[{i}].window", $"summary definition '{summaries[i].DefinitionId}' has no {window.Format()} window; it has {string.Join(", ", (definition.Windows ?? []).Select(w => w.Format()))}.");
        }
    }
}

/// <summary>
/// What to load: the stored customer profile (<see cref="Profile"/>), behavioral metric values
/// (<see cref="Metrics"/>: ids or keys, read as <c>metrics.&lt;key&gt;</c>) and summary rows.
/// Metrics the flow's rules and policies name are loaded whether listed or not; listing them
/// here makes them available to formulas and filter conditions too.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record EnrichConfig
{
    public List<string>? Metrics { get; init; }
    public List<SummaryRequest>? Summaries { get; init; }
    public bool Profile { get; set; } = true;

    /// <summary>The metric ids <see cref="Metrics"/> names.</summary>
    public IEnumerable<string> MetricIds() => (Metrics ?? []).Select(m => DecisionFlows.MetricKey.ToId(m)!);

    internal void Validate(string path, ValidationErrors errors)
    {
        ConfigRules.Ids(errors, $"{path}.metrics", [.. (Metrics ?? []).Select(DecisionFlows.MetricKey.ToId)], required: false, max: BehavioralMetric.MaxPerTenant);
        errors.MaxCount($"{path}.summaries", Summaries, 10);
        for (var i = 0; i < (Summaries?.Count ?? 0); i++)
        {
            var at = $"{path}.summaries[{i}]";
            if (!ConfigRules.Present(errors, at, Summaries![i])) continue;
            errors.Reference($"{at}.definitionId", Summaries[i].DefinitionId, required: true);
            if (Summaries[i].Window is null) errors.Add($"{at}.window", $"is required: one of {SummaryWindows.Allowed}.");
        }
    }

    internal IEnumerable<EntityReference> References(string path) =>
    [
        .. (Metrics ?? []).Select((m, i) => new EntityReference($"{path}.metrics[{i}]", BehavioralMetric.Kind.Name, DecisionFlows.MetricKey.ToId(m))),
        .. (Summaries ?? []).Select((s, i) => new EntityReference($"{path}.summaries[{i}].definitionId", SummaryDefinition.Kind.Name, s?.DefinitionId)),
    ];
}

/// <summary>One summary to load: a definition and one of its windows; rows are the customer's.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SummaryRequest
{
    public string? DefinitionId { get; init; }
    public SummaryWindow? Window { get; init; }
}
