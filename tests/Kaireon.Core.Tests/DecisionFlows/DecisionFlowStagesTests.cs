using System.Text.Json;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tests.DecisionFlows;

public sealed class DecisionFlowStagesTests
{
    private static DecisionFlowConfig Config(string json) => JsonSerializer.Deserialize(json, KaireonJson.Default.DecisionFlowConfig)!;

    [Fact]
    public void Empty_stages_compile_to_the_default_pipeline_that_passes_the_graph_rules()
    {
        var nodes = Config("""{ "stages": {} }""").Pipeline();

        Assert.Equal(
            [FlowNodeType.Inventory, FlowNodeType.Enrich, FlowNodeType.MatchCreatives, FlowNodeType.Qualify, FlowNodeType.ContactPolicy, FlowNodeType.Score, FlowNodeType.Rank, FlowNodeType.Response],
            nodes.Select(n => n.Type!.Value));
        Assert.False(Assert.IsType<MatchCreativesNode>(nodes[2]).Config!.RequireCreative);
        var errors = new ValidationErrors();
        DecisionFlowGraph.Validate(nodes, "nodes", errors);
        Assert.False(errors.Any, errors.ToString());
    }

    [Fact]
    public void The_filter_stage_switches_rules_and_policies_and_adds_its_condition()
    {
        var config = Config("""
            { "stages": {
                "inventory": { "scope": "manual", "offerIds": ["o1"] },
                "filter": { "qualificationRules": false, "contactPolicies": true, "condition": { "field": "offer.priority", "operator": "gt", "value": 5 } },
                "scoring": { "method": "model", "modelId": "m1" },
                "ranking": { "method": "round_robin", "limit": 3 } } }
            """);

        var nodes = config.Pipeline();

        Assert.DoesNotContain(nodes, n => n is QualifyNode);
        Assert.Equal("offer.priority", Assert.Single(nodes.OfType<FilterNode>()).Config!.ParseCondition().Leaves[0].Field);
        Assert.Equal(["o1"], Assert.Single(nodes.OfType<InventoryNode>()).Config!.OfferIds!);
        Assert.Equal("m1", Assert.Single(nodes.OfType<ScoreNode>()).Config!.ModelId);
        Assert.Equal(RankMethod.RoundRobin, Assert.Single(nodes.OfType<RankNode>()).Config!.Method);
    }

    [Fact]
    public void A_v2_config_runs_its_own_nodes_and_names_the_flows_it_calls()
    {
        var config = Config("""{ "version": 2, "nodes": [ { "type": "call_flow", "id": "c", "config": { "flowKey": "other" } }, { "id": "r", "type": "rank" } ] }""");

        Assert.True(config.IsComposable);
        Assert.Equal([typeof(CallFlowNode), typeof(RankNode)], config.Pipeline().Select(n => n.GetType()));
        Assert.Equal(["other"], config.CalledFlows());
    }

    [Fact]
    public void Rank_methods_are_spelled_as_the_glossary_writes_them()
    {
        Assert.Equal("topN", RankMethodConverter.Names.NameOf(RankMethod.TopN));
        Assert.Equal("round_robin", RankMethodConverter.Names.NameOf(RankMethod.RoundRobin));
        Assert.Equal("explore_exploit", RankMethodConverter.Names.NameOf(RankMethod.ExploreExploit));
    }
}
