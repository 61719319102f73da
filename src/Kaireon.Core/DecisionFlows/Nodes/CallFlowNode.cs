using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows.Nodes;

/// <summary><c>append</c>: the called flow's candidates join these (an offer already here is not added twice); <c>replace</c>: they replace them.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<CallMerge>))]
public enum CallMerge { Append, Replace }

/// <summary><c>call_flow</c>: runs another Decision Flow's published version and merges its candidates (a narrow-phase node).</summary>
public sealed record CallFlowNode : FlowNode
{
    public CallFlowConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override FlowNodeType? Type => FlowNodeType.CallFlow;

    protected override void ValidateConfig(string path, ValidationErrors errors)
    {
        if (!ConfigRules.Present(errors, path, Config)) return;
        errors.Reference($"{path}.flowKey", Config.FlowKey, required: true);
        errors.Range($"{path}.maxDepth", Config.MaxDepth, 1, CallFlowConfig.MaxDepthLimit);
    }

    public override IEnumerable<EntityReference> References(string path) => [new($"{path}.flowKey", DecisionFlow.Kind.Name, Config?.FlowKey)];
}

/// <summary>
/// Cycles are refused when a flow is saved (across the tenant's flows); <see cref="MaxDepth"/> (1–5,
/// default 3) still bounds nesting at run time, counting this call as depth 1, in case published
/// versions differ from the saved ones.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CallFlowConfig
{
    public const int MaxDepthLimit = 5;

    public string? FlowKey { get; init; }
    public CallMerge Merge { get; set; } = CallMerge.Append;
    public int MaxDepth { get; set; } = 3;
}
