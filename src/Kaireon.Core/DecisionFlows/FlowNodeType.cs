using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.DecisionFlows;

/// <summary>The 13 node types of the Composable Pipeline (v2); on the wire a node's <c>type</c>.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<FlowNodeType>))]
public enum FlowNodeType
{
    Inventory,
    MatchCreatives,
    Enrich,
    Qualify,
    ContactPolicy,
    Filter,
    Score,
    Rank,
    Group,
    Compute,
    SetProperties,
    Response,
    CallFlow,
}

/// <summary>The three phases nodes run in, in this order; a flow's nodes never go back to an earlier phase.</summary>
public enum FlowPhase { Narrow = 1, ScoreAndRank = 2, Output = 3 }

public static class FlowNodeTypes
{
    /// <summary>The node's phase; <c>call_flow</c> is cross-phase and counts as narrow (it brings candidates).</summary>
    public static FlowPhase Phase(this FlowNodeType type) => type switch
    {
        FlowNodeType.Score or FlowNodeType.Rank or FlowNodeType.Group => FlowPhase.ScoreAndRank,
        FlowNodeType.Compute or FlowNodeType.SetProperties or FlowNodeType.Response => FlowPhase.Output,
        _ => FlowPhase.Narrow,
    };

    /// <summary>Whether the node brings candidates into the flow (the others work on those already there).</summary>
    public static bool BringsCandidates(this FlowNodeType type) => type is FlowNodeType.Inventory or FlowNodeType.CallFlow;

    /// <summary>Whether the node works on candidates, so it needs a candidate source before it.</summary>
    public static bool NeedsCandidates(this FlowNodeType type) => type is not (FlowNodeType.Enrich or FlowNodeType.Response) && !type.BringsCandidates();

    public static string Name(this FlowNodeType type) => SnakeCaseEnumConverter<FlowNodeType>.NameOf(type);

    public static string Name(this FlowPhase phase) => phase switch
    {
        FlowPhase.Narrow => "narrow",
        FlowPhase.ScoreAndRank => "score & rank",
        _ => "output",
    };
}
