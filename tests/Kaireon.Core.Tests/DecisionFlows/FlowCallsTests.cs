using Kaireon.Core.DecisionFlows;

namespace Kaireon.Core.Tests.DecisionFlows;

public sealed class FlowCallsTests
{
    private static Func<string, IEnumerable<string>> Graph(params (string From, string To)[] calls) =>
        flow => calls.Where(c => c.From == flow).Select(c => c.To);

    [Fact]
    public void A_flow_calling_nothing_has_no_cycle() => Assert.Null(FlowCalls.FindCycle("a", Graph()));

    [Fact]
    public void A_self_call_is_a_cycle() => Assert.Equal(["a", "a"], FlowCalls.FindCycle("a", Graph(("a", "a"))));

    [Fact]
    public void A_calls_b_calls_a_is_a_cycle() => Assert.Equal(["a", "b", "a"], FlowCalls.FindCycle("a", Graph(("a", "b"), ("b", "a"))));

    [Fact]
    public void A_longer_cycle_is_reported_along_its_path() =>
        Assert.Equal(["a", "c", "b", "a"], FlowCalls.FindCycle("a", Graph(("a", "x"), ("x", "y"), ("a", "c"), ("c", "b"), ("b", "a"))));

    [Fact]
    public void A_diamond_is_not_a_cycle() =>
        Assert.Null(FlowCalls.FindCycle("a", Graph(("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"))));

    [Fact]
    public void A_cycle_that_does_not_pass_through_the_start_is_not_its_cycle_and_ends() =>
        Assert.Null(FlowCalls.FindCycle("a", Graph(("a", "b"), ("b", "c"), ("c", "b"))));
}
