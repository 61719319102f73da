using Kaireon.Core.Conditions;
using static Kaireon.Core.Tests.Conditions.Conditions;

namespace Kaireon.Core.Tests.Conditions;

public sealed class ConditionDataTests
{
    [Theory]
    [InlineData("score", "{'score':90}", "90")]
    [InlineData("metadata.score", "{'metadata':{'score':90}}", "90")]
    [InlineData("a.b.c", "{'a':{'b':{'c':'deep'}}}", "deep")]
    [InlineData("metadata.score", "{'metadata.score':90}", "90")]
    [InlineData("metadata.score", "{'metadata':{'score':90},'metadata.score':1}", "90")]
    [InlineData("tags", "{'tags':['a']}", "[\"a\"]")]
    [InlineData("flag", "{'flag':true}", "true")]
    [InlineData("product type", "{'product type':'enterprise'}", "enterprise")]
    [InlineData("huge", "{'huge':1e400}", "1e400")]
    public void Json_data_walks_dotted_paths_and_falls_back_to_a_literal_name(string field, string data, string expected)
    {
        Assert.True(Data(data).TryGet(field, out var value));
        Assert.Equal(expected, value.ToString());
    }

    [Theory]
    [InlineData("metadata.score", "{'metadata':{}}")]
    [InlineData("metadata.score", "{'metadata':5}")]
    [InlineData("metadata.score.x", "{'metadata':{'score':90}}")]
    [InlineData("score", "[1,2]")]
    public void Json_data_misses_what_is_not_there(string field, string data) => Assert.False(Data(data).TryGet(field, out _));

    [Fact]
    public void Json_null_is_present_as_null_which_evaluates_as_missing()
    {
        Assert.True(Data("{'x':null}").TryGet("x", out var value));
        Assert.True(value.IsNull);
    }

    [Fact]
    public void Dictionary_data_holds_converted_values()
    {
        var data = new DictionaryConditionData(new Dictionary<string, ConditionValue>
        {
            ["attributes.tier"] = ConditionValue.From("gold"),
            ["attributes.score"] = ConditionValue.From(91.5),
            ["attributes.vip"] = ConditionValue.From(true),
            ["customer.since"] = ConditionValue.From(new DateTimeOffset(2021, 3, 1, 12, 0, 0, TimeSpan.FromHours(2))),
        });

        Assert.True(Compile("""
            {'all':[{'field':'attributes.tier','operator':'in','value':['gold','platinum']},
                    {'field':'attributes.score','operator':'gte','value':'91.5'},
                    {'field':'attributes.vip','operator':'is','value':true},
                    {'field':'customer.since','operator':'on','value':'2021-03-01'},
                    {'field':'customer.since','operator':'on','value':'2021-03-01T10:00:00.000Z'},
                    {'field':'attributes.missing','operator':'not_in','value':['x']}]}
            """).Evaluate(data));
    }

    [Fact]
    public void Dictionary_data_can_read_a_conditions_fields_out_of_json_once()
    {
        var condition = Compile("{'all':[{'field':'metadata.score','operator':'gt','value':80},{'field':'metadata.tier','operator':'is_not','value':'gold'}]}");
        var json = JsonOf("{'metadata':{'score':90,'other':1}}");

        var data = DictionaryConditionData.FromJson(json, condition.Fields);

        Assert.True(condition.Evaluate(data));
        Assert.False(data.TryGet("metadata.other", out _));
    }

    [Fact]
    public void An_instant_is_not_a_string_to_is_but_is_a_date_to_date_operators()
    {
        var data = new DictionaryConditionData(new Dictionary<string, ConditionValue> { ["t"] = ConditionValue.From(DateTimeOffset.UnixEpoch) });

        Assert.False(Compile("{'field':'t','operator':'is','value':'1970-01-01T00:00:00.000Z'}").Evaluate(data));
        Assert.False(Compile("{'field':'t','operator':'gt','value':0}").Evaluate(data));
        Assert.True(Compile("{'field':'t','operator':'before','value':'1970-01-02'}").Evaluate(data));
    }

    [Theory]
    [InlineData("80", true, 80)]
    [InlineData("-1.5e3", true, -1500)]
    [InlineData(".5", true, 0.5)]
    [InlineData(" 80", false, 0)]
    [InlineData("1,000", false, 0)]
    [InlineData("NaN", false, 0)]
    [InlineData("Infinity", false, 0)]
    [InlineData("1e400", false, 0)]
    [InlineData("", false, 0)]
    [InlineData("0x10", false, 0)]
    public void A_numeric_string_is_a_plain_finite_invariant_number(string text, bool numeric, double expected)
    {
        Assert.Equal(numeric, ConditionValue.From(text).TryGetNumber(out var number));
        if (numeric) Assert.Equal(expected, number);
    }
}
