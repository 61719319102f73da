using System.Text.Json;
using Kaireon.Core.Json;
using static Kaireon.Core.Tests.Conditions.Conditions;

namespace Kaireon.Core.Tests.Conditions;

public sealed class ConditionExplanationTests
{
    [Fact]
    public void A_leaf_result_has_the_contracts_shape()
    {
        var explanation = Compile("{'all':[{'field':'course_id','operator':'is','value':12345},{'field':'score','operator':'gt','value':80}]}")
            .Explain(Data("{'course_id':12345,'score':90}"));

        var json = JsonSerializer.Serialize(explanation, KaireonJson.Default.ConditionExplanation);

        Assert.Equal("""
            {"result":true,"trace":[{"path":"all[0]","field":"course_id","operator":"is","expected":12345,"actual":12345,"result":true},{"path":"all[1]","field":"score","operator":"gt","expected":80,"actual":90,"result":true}]}
            """, json);
    }

    [Fact]
    public void Every_leaf_is_traced_even_past_a_short_circuit_and_a_missing_field_has_no_actual()
    {
        var condition = Compile("""
            {'any':[{'field':'tier','operator':'in','value':['gold','silver']},
                    {'not':{'field':'metadata.score','operator':'lt','value':'50'}},
                    {'field':'seen','operator':'exists'}]}
            """);

        var explanation = condition.Explain(Data("{'tier':'gold','metadata':{'score':40}}"));

        Assert.True(explanation.Result);
        Assert.Equal(condition.Evaluate(Data("{'tier':'gold','metadata':{'score':40}}")), explanation.Result);
        Assert.Equal(["any[0]", "any[1].not", "any[2]"], explanation.Trace.Select(t => t.Path));
        Assert.Equal([true, true, false], explanation.Trace.Select(t => t.Result));
        var json = JsonSerializer.Serialize(explanation, KaireonJson.Default.ConditionExplanation);
        Assert.Contains("""{"path":"any[0]","field":"tier","operator":"in","expected":["gold","silver"],"actual":"gold","result":true}""", json);
        Assert.Contains("""{"path":"any[1].not","field":"metadata.score","operator":"lt","expected":"50","actual":40,"result":true}""", json);
        Assert.Contains("""{"path":"any[2]","field":"seen","operator":"exists","result":false}""", json);
    }

    [Fact]
    public void The_explained_result_is_the_evaluated_one_under_not()
    {
        var condition = Compile("{'not':{'all':[{'field':'a','operator':'gt','value':1},{'field':'b','operator':'gt','value':1}]}}");
        var data = Data("{'a':2,'b':0}");

        var explanation = condition.Explain(data);

        Assert.True(explanation.Result);
        Assert.Equal(condition.Evaluate(data), explanation.Result);
        Assert.Equal([true, false], explanation.Trace.Select(t => t.Result));
    }

    [Fact]
    public void A_root_leaf_has_an_empty_path() =>
        Assert.Equal("", Compile("{'field':'a','operator':'exists'}").Explain(Data("{'a':1}")).Trace.Single().Path);
}
