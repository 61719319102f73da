using Kaireon.Core.Scoring;

namespace Kaireon.Core.Tests.Scoring;

public sealed class PriorityWeightedTests
{
    [Theory]
    [InlineData(50, 100, 1, 0.5)]
    [InlineData(80, 50, 1, 0.4)]
    [InlineData(80, 50, 0.5, 0.2)]
    [InlineData(100, 100, 0.1, 0.1)]
    [InlineData(0, 100, 1, 0)]
    public void The_score_is_priority_over_100_times_weight_over_100_times_fit(double priority, double weight, double fit, double expected) =>
        Assert.Equal(expected, PriorityWeighted.Score(priority, weight, fit), 12);

    [Fact]
    public void Fit_defaults_to_1() => Assert.Equal(0.25, PriorityWeighted.Score(50, 50), 12);

    [Fact]
    public void Inputs_outside_their_ranges_are_clamped() => Assert.Equal(1, PriorityWeighted.Score(150, 200, 3));
}
