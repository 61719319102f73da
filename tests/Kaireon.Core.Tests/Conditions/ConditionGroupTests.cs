using Kaireon.Core.Conditions;
using static Kaireon.Core.Tests.Conditions.Conditions;

namespace Kaireon.Core.Tests.Conditions;

public sealed class ConditionGroupTests
{
    private const string True = "{'field':'a','operator':'eq','value':1}";
    private const string False = "{'field':'a','operator':'eq','value':2}";
    private const string Row = "{'a':1}";

    [Theory]
    [InlineData("{'all':[" + True + "," + True + "]}", true)]
    [InlineData("{'all':[" + True + "," + False + "]}", false)]
    [InlineData("{'and':[" + True + "," + False + "]}", false)]
    [InlineData("{'any':[" + False + "," + True + "]}", true)]
    [InlineData("{'any':[" + False + "," + False + "]}", false)]
    [InlineData("{'or':[" + False + "," + True + "]}", true)]
    [InlineData("{'not':" + True + "}", false)]
    [InlineData("{'not':" + False + "}", true)]
    [InlineData("{'not':{'not':" + True + "}}", true)]
    [InlineData("{'all':[" + True + ",{'any':[" + False + ",{'not':" + False + "}]}]}", true)]
    [InlineData("{'or':[" + False + ",{'and':[" + True + ",{'not':" + True + "}]}]}", false)]
    [InlineData(True, true)]
    public void Groups_and_negations_combine_leaves(string condition, bool expected) => Assert.Equal(expected, Evaluate(condition, Row));

    [Fact]
    public void Not_of_a_missing_field_is_true_for_positive_and_false_for_negated_operators()
    {
        Assert.True(Evaluate("{'not':{'field':'missing','operator':'gt','value':1}}", Row));
        Assert.False(Evaluate("{'not':{'field':'missing','operator':'neq','value':1}}", Row));
    }

    [Fact]
    public void Groups_short_circuit_and_read_no_further_field()
    {
        var data = new CountingData(Row);

        Assert.False(Compile("{'all':[" + False + ",{'field':'b','operator':'exists'}]}").Evaluate(data));
        Assert.True(Compile("{'any':[" + True + ",{'field':'c','operator':'exists'}]}").Evaluate(data));

        Assert.Equal(["a", "a"], data.Reads);
    }

    private sealed class CountingData(string json) : IConditionData
    {
        private readonly IConditionData _inner = Data(json);
        public List<string> Reads { get; } = [];

        public bool TryGet(string field, out ConditionValue value)
        {
            Reads.Add(field);
            return _inner.TryGet(field, out value);
        }
    }
}
