using System.Text.Json;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.DecisionFlows.Nodes;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tests.DecisionFlows;

public sealed class RuleLogicTests
{
    private static RuleLogic Parse(string logic) =>
        JsonSerializer.Deserialize($$"""{ "logic": {{logic}} }""", KaireonJson.Default.DecisionFlowConfig.Options.GetTypeInfo(typeof(QualifyConfig)) as System.Text.Json.Serialization.Metadata.JsonTypeInfo<QualifyConfig>
            ?? throw new InvalidOperationException())!.Logic!;

    [Fact]
    public void A_tree_reads_and_writes_back_the_same_shape_with_aliases_made_canonical()
    {
        var logic = Parse("""{ "and": ["qr_a", { "or": ["qr_b", "qr_c"] }] }""");

        Assert.Equal(RuleLogicKind.All, logic.Kind);
        Assert.Equal(RuleLogicKind.Any, logic.Terms[1].Kind);
        Assert.Equal("""{"all":["qr_a",{"any":["qr_b","qr_c"]}]}""", JsonSerializer.Serialize(logic, KaireonJson.Default.Options));
    }

    [Theory]
    [InlineData(true, false, false, true)]
    [InlineData(true, false, true, true)]
    [InlineData(true, true, false, true)]
    [InlineData(false, true, true, false)]
    [InlineData(true, false, false, false, "qr_c")]
    public void All_needs_every_term_and_any_one(bool a, bool b, bool c, bool expected, string? unused = null)
    {
        var logic = Parse(unused is null ? """{ "all": ["qr_a", { "any": ["qr_b", "qr_c", "qr_a"] }] }""" : """{ "all": ["qr_a", { "any": ["qr_b", "qr_c"] }] }""");
        var passes = new Dictionary<string, bool> { ["qr_a"] = a, ["qr_b"] = b, ["qr_c"] = c };

        Assert.Equal(expected, logic.Evaluate(id => passes[id]));
    }

    [Fact]
    public void Rule_ids_are_listed_once_in_order_with_their_paths()
    {
        var logic = Parse("""{ "all": ["qr_a", { "any": ["qr_b", "qr_a"] }] }""");

        Assert.Equal(["qr_a", "qr_b"], logic.RuleIds());
        Assert.Equal([("logic.all[0]", "qr_a"), ("logic.all[1].any[0]", "qr_b"), ("logic.all[1].any[1]", "qr_a")], logic.RulesAt("logic"));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("""{ "most": ["qr_a"] }""")]
    [InlineData("""{ "all": "qr_a" }""")]
    [InlineData("""{ "all": ["qr_a"], "any": ["qr_b"] }""")]
    [InlineData("""{ "all": ["qr_a", 7] }""")]
    public void A_malformed_tree_is_a_json_error(string logic) =>
        Assert.Throws<JsonException>(() => Parse(logic));

    [Fact]
    public void An_empty_group_and_a_bad_id_are_named_by_path()
    {
        var errors = new ValidationErrors();
        Parse("""{ "any": [{ "all": [] }, "Not An Id"] }""").Validate("logic", errors);

        Assert.Equal(["logic.any[0].all", "logic.any[1]"], errors.ToDictionary().Keys.Order());
    }
}
