using Kaireon.Core.DecisionTraces;
using Kaireon.Core.Randomness;

namespace Kaireon.Core.Tests.DecisionTraces;

public sealed class DecisionTraceSamplerTests
{
    [Theory]
    [InlineData(0.0, 0, 0)]
    [InlineData(1.0, 10_000, 10_000)]
    [InlineData(0.01, 60, 140)]
    [InlineData(0.25, 2_350, 2_650)]
    public void Calls_are_traced_at_the_sample_rate(double rate, int atLeast, int atMost)
    {
        var random = new SeededRandomSource(7);
        var traced = Enumerable.Range(0, 10_000).Count(_ => DecisionTraceSampler.ShouldTrace(debug: false, rate, random));
        Assert.InRange(traced, atLeast, atMost);
    }

    [Fact]
    public void Debug_always_traces()
    {
        var random = new SeededRandomSource(7);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(DecisionTraceSampler.ShouldTrace(debug: true, 0, random)));
    }
}
