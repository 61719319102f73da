using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Kaireon.Core.Catalog;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows;

/// <summary>
/// One node of a v2 flow: <c>{ "id": "n1", "type": "inventory", "config": { … } }</c>. Each type is
/// its own record with a typed <c>Config</c> (<see cref="InventoryNode"/>, <see cref="ScoreNode"/>,
/// …); the executor switches on the record type. Nodes run in list order.
/// </summary>
/// <remarks>
/// This base record is what a node of a missing or unknown <c>type</c> reads as, so that the error
/// can name the node's path (<c>config.nodes[3].type</c>) instead of failing the whole body;
/// validation rejects it, so a stored flow never holds one.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(InventoryNode), "inventory")]
[JsonDerivedType(typeof(MatchCreativesNode), "match_creatives")]
[JsonDerivedType(typeof(EnrichNode), "enrich")]
[JsonDerivedType(typeof(QualifyNode), "qualify")]
[JsonDerivedType(typeof(ContactPolicyNode), "contact_policy")]
[JsonDerivedType(typeof(FilterNode), "filter")]
[JsonDerivedType(typeof(ScoreNode), "score")]
[JsonDerivedType(typeof(RankNode), "rank")]
[JsonDerivedType(typeof(GroupNode), "group")]
[JsonDerivedType(typeof(ComputeNode), "compute")]
[JsonDerivedType(typeof(SetPropertiesNode), "set_properties")]
[JsonDerivedType(typeof(ResponseNode), "response")]
[JsonDerivedType(typeof(CallFlowNode), "call_flow")]
public partial record FlowNode
{
    /// <summary>Unique within the flow: letters, digits, _ and -, 1–64 characters.</summary>
    public string? Id { get; init; }

    /// <summary>The node's type; null only for a body whose <c>type</c> was missing or unknown.</summary>
    [JsonIgnore]
    public virtual FlowNodeType? Type => null;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    internal void Validate(string path, ValidationErrors errors)
    {
        if (Id is null) errors.Add($"{path}.id", "is required: a node id unique in the flow, e.g. n1.");
        errors.Pattern($"{path}.id", Id, IdPattern(), "letters, digits, _ or -, 1–64 characters");
        if (Type is null) errors.Add($"{path}.type", $"is required: one of {SnakeCaseEnumConverter<FlowNodeType>.Allowed}.");
        else ValidateConfig($"{path}.config", errors);
    }

    /// <summary>The type-specific checks of the node's <c>config</c>, under <paramref name="path"/>.</summary>
    protected virtual void ValidateConfig(string path, ValidationErrors errors) { }

    /// <summary>The entities the node refers to, with paths under <paramref name="path"/> (the node's <c>config</c>).</summary>
    public virtual IEnumerable<EntityReference> References(string path) => [];

    /// <summary>Checks against the referenced entities (422), under <paramref name="path"/> (the node's <c>config</c>).</summary>
    public virtual void ValidateWithReferences(string path, ReferencedEntities refs, ValidationErrors errors) { }
}
