using System.Text.Json;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tests.DecisionFlows;

public sealed class DecisionFlowGraphTests
{
    /// <summary>Nodes from their types alone (<c>"inventory, score"</c>), ids n0, n1, …</summary>
    private static List<FlowNode> Nodes(string types) =>
        JsonSerializer.Deserialize(
            "[" + string.Join(",", types.Split(',', StringSplitOptions.TrimEntries).Select((t, i) => $$"""{ "id": "n{{i}}", "type": "{{t}}" }""")) + "]",
            KaireonJson.Default.DecisionFlowConfig.Options.GetTypeInfo(typeof(List<FlowNode>)) as System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<FlowNode>>
            ?? throw new InvalidOperationException())!;

    private static IDictionary<string, string[]> Errors(List<FlowNode> nodes)
    {
        var errors = new ValidationErrors();
        DecisionFlowGraph.Validate(nodes, "nodes", errors);
        return errors.ToDictionary();
    }

    [Theory]
    [InlineData("inventory, match_creatives, enrich, qualify, contact_policy, filter, call_flow, score, rank, group, compute, set_properties, response")]
    [InlineData("enrich, inventory, qualify")]
    [InlineData("call_flow, score, response")]
    [InlineData("inventory, rank, score, rank, set_properties, compute")]
    [InlineData("inventory, response")]
    public void A_runnable_node_list_has_no_errors(string types) => Assert.Empty(Errors(Nodes(types)));

    [Theory]
    [InlineData("inventory, score, qualify", "nodes[2].type")]
    [InlineData("inventory, compute, rank", "nodes[2].type")]
    [InlineData("inventory, response, filter", "nodes[2].type")]
    [InlineData("inventory, rank, call_flow", "nodes[2].type")]
    public void A_node_of_an_earlier_phase_after_a_later_one_is_named(string types, string path) =>
        Assert.Equal([path], Errors(Nodes(types)).Keys);

    [Fact]
    public void Phases_are_compared_with_the_latest_phase_reached_not_the_previous_node()
    {
        var errors = Errors(Nodes("inventory, compute, score, qualify"));

        Assert.Equal(["nodes[2].type", "nodes[3].type"], errors.Keys.Order());
        Assert.Contains("'n1' (compute", errors["nodes[3].type"][0]);
    }

    [Theory]
    [InlineData("qualify, inventory", "nodes[0].type")]
    [InlineData("enrich, filter, call_flow", "nodes[1].type")]
    [InlineData("enrich, response", "nodes")]
    [InlineData("enrich", "nodes")]
    public void Candidates_must_come_from_an_inventory_or_call_flow_node_first(string types, string path) =>
        Assert.Contains(path, Errors(Nodes(types)).Keys);

    [Theory]
    [InlineData("inventory, group, group", "nodes[2].type")]
    [InlineData("inventory, response, response", "nodes[2].type")]
    public void Group_and_response_appear_at_most_once(string types, string path) =>
        Assert.Equal([path], Errors(Nodes(types)).Keys);

    [Fact]
    public void Node_ids_are_unique()
    {
        var nodes = Nodes("inventory, score, rank");
        nodes[2] = nodes[2] with { Id = "n0" };

        Assert.Equal(["nodes[2].id"], Errors(nodes).Keys);
    }

    [Fact]
    public void A_node_of_unknown_type_reads_as_the_base_record_and_the_graph_skips_it()
    {
        var nodes = Nodes("inventory, teleport, rank");

        Assert.Equal(typeof(FlowNode), nodes[1].GetType());
        Assert.Null(nodes[1].Type);
        Assert.Empty(Errors(nodes));
    }

    [Fact]
    public void Call_flow_is_a_narrow_node_that_brings_candidates()
    {
        Assert.Equal(FlowPhase.Narrow, FlowNodeType.CallFlow.Phase());
        Assert.True(FlowNodeType.CallFlow.BringsCandidates());
        Assert.Equal(FlowPhase.ScoreAndRank, FlowNodeType.Group.Phase());
        Assert.Equal(FlowPhase.Output, FlowNodeType.SetProperties.Phase());
    }
}
