using System.Text.Json;
using Kaireon.Core.ContactPolicies;
using Kaireon.Core.Json;
using Kaireon.Core.QualificationRules;

namespace Kaireon.Core.Tests.QualificationRules;

/// <summary>The wire shape of typed rules and policies: <c>ruleType</c> anywhere in the object selects the record.</summary>
public sealed class RuleJsonTests
{
    [Fact]
    public void The_rule_type_selects_the_typed_record_wherever_it_stands()
    {
        var rule = JsonSerializer.Deserialize("""{ "name": "Gate", "config": { "metricId": "bm_x", "operator": "gte", "threshold": 0.1 }, "ruleType": "metric_condition" }""", KaireonJson.Default.QualificationRule);

        var typed = Assert.IsType<MetricConditionRule>(rule);
        Assert.Equal(QualificationRuleType.MetricCondition, typed.RuleType);
        Assert.Equal(ThresholdOperator.Gte, typed.Config!.Operator);
        Assert.Empty(typed.Config.DimensionMapping!);
    }

    [Fact]
    public void A_typed_rule_written_as_its_runtime_type_keeps_its_rule_type()
    {
        // ASP.NET Core writes results by their runtime type: the discriminator must survive that too.
        object rule = new SegmentRequiredRule { Name = "VIP", Config = new() { Segment = "vip" } };

        var json = JsonSerializer.Serialize(rule, KaireonJson.Default.Options.GetTypeInfo(rule.GetType()));

        Assert.StartsWith("""{"ruleType":"segment_required",""", json);
    }

    [Fact]
    public void An_unknown_rule_type_reads_as_the_base_record_without_a_type()
    {
        var policy = JsonSerializer.Deserialize("""{ "name": "x", "ruleType": "spam_filter", "config": { "any": 1 } }""", KaireonJson.Default.ContactPolicy);

        Assert.Equal(typeof(ContactPolicy), policy!.GetType());
        Assert.Null(policy.RuleType);
    }

    [Theory]
    [InlineData(ThresholdOperator.Gt, 3, 3, false)]
    [InlineData(ThresholdOperator.Gte, 3, 3, true)]
    [InlineData(ThresholdOperator.Lt, 2, 3, true)]
    [InlineData(ThresholdOperator.Lte, 4, 3, false)]
    [InlineData(ThresholdOperator.Eq, 3, 3, true)]
    public void Threshold_operators_compare_value_with_threshold(ThresholdOperator op, double value, double threshold, bool expected) =>
        Assert.Equal(expected, op.Holds(value, threshold));

    [Fact]
    public void A_missing_metric_value_never_holds() => Assert.False(ThresholdOperator.Lt.Holds(null, 3));

    [Fact]
    public void Mandatory_offers_still_meet_frequency_and_cross_channel_caps_only()
    {
        Assert.True(new FrequencyCapPolicy().BindsMandatoryOffers);
        Assert.True(new CrossChannelCapPolicy().BindsMandatoryOffers);
        Assert.False(new CooldownPolicy().BindsMandatoryOffers);
        Assert.False(new AllowOverridePolicy().BindsMandatoryOffers);
    }

    [Fact]
    public void A_metric_key_names_the_metric_with_the_bm_prefix()
    {
        var cap = JsonSerializer.Deserialize("""{ "ruleType": "frequency_cap", "name": "Dynamic Email Cap", "config": { "metricKey": "email_impression_7d", "threshold": 3, "action": "suppress" } }""", KaireonJson.Default.ContactPolicy);

        var config = Assert.IsType<FrequencyCapPolicy>(cap).Config!;
        Assert.True(config.UsesMetric);
        Assert.Equal("bm_email_impression_7d", config.MetricId);
        Assert.Equal(CapAction.Suppress, config.Action);
        Assert.Equal("bm_already", Kaireon.Core.DecisionFlows.MetricKey.ToId("bm_already"));
    }
}
