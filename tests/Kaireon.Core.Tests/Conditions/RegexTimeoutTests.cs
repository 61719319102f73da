using System.Diagnostics;
using Kaireon.Core.Conditions;
using static Kaireon.Core.Tests.Conditions.Conditions;

namespace Kaireon.Core.Tests.Conditions;

public sealed class RegexTimeoutTests
{
    /// <summary>Nested quantifiers on a string that almost matches: exponential backtracking in .NET's backtracking engine.</summary>
    private const string Catastrophic = "{'field':'x','operator':'regex','value':'^(a+)+$'}";
    private static readonly string AlmostMatching = $"{{'x':'{new string('a', 40)}!'}}";

    [Fact]
    public void A_catastrophic_pattern_times_out_to_false_instead_of_hanging()
    {
        var timeout = TimeSpan.FromMilliseconds(20);
        var condition = Compile(Catastrophic, new ConditionParseOptions { RegexTimeout = timeout });
        var data = Data(AlmostMatching);

        var watch = Stopwatch.StartNew();
        var result = condition.Evaluate(data);
        watch.Stop();

        Assert.False(result);
        // It ran until the timeout (so the pattern really is catastrophic), and not much longer.
        Assert.InRange(watch.Elapsed, timeout * 0.5, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_same_pattern_still_matches_what_it_matches_quickly() =>
        Assert.True(Compile(Catastrophic, new ConditionParseOptions { RegexTimeout = TimeSpan.FromMilliseconds(20) }).Evaluate(Data("{'x':'aaaa'}")));

    [Fact]
    public void The_default_timeout_is_set() =>
        Assert.Equal(ConditionParseOptions.DefaultRegexTimeout, ConditionTree.Parse(JsonOf(Catastrophic)).RegexTimeout);
}
