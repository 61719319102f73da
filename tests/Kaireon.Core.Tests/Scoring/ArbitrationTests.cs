using Kaireon.Core.Scoring;

namespace Kaireon.Core.Tests.Scoring;

public sealed class ArbitrationTests
{
    private static readonly ArbitrationScores Scores = new(Conversion: 0.8, Margin: 0.5, Fatigue: 0.2, Fairness: 0.6, Recency: 1.0);

    private static ArbitrationProfile Profile(ArbitrationMethod method, double c, double m, double fa, double fr, double r) => new()
    {
        Name = "p",
        Method = method,
        Weights = new() { Conversion = c, Margin = m, Fatigue = fa, Fairness = fr, Recency = r },
    };

    [Fact]
    public void Weighted_average_is_the_default_method() => Assert.Equal(ArbitrationMethod.WeightedAverage, new ArbitrationProfile().Method);

    [Fact]
    public void Weighted_average_is_the_sum_of_weighted_scores_over_the_sum_of_weights()
    {
        // Fatigue 0.2 enters as 0.8: (2×0.8 + 1×0.5 + 1×0.8 + 0×0.6 + 1×1.0) / 5.
        Assert.Equal((1.6 + 0.5 + 0.8 + 1.0) / 5, Profile(ArbitrationMethod.WeightedAverage, 2, 1, 1, 0, 1).Composite(Scores), 12);
    }

    [Fact]
    public void The_default_profile_ranks_by_conversion() => Assert.Equal(0.8, new ArbitrationProfile().Composite(Scores), 12);

    [Theory]
    [InlineData(ArbitrationMethod.WeightedAverage)]
    [InlineData(ArbitrationMethod.Geometric)]
    public void All_weights_zero_falls_back_to_the_conversion_score(ArbitrationMethod method) =>
        Assert.Equal(0.8, Profile(method, 0, 0, 0, 0, 0).Composite(Scores));

    [Fact]
    public void Geometric_is_the_product_of_scores_to_their_normalised_weights()
    {
        var expected = Math.Pow(0.8, 2.0 / 4) * Math.Pow(0.5, 1.0 / 4) * Math.Pow(1.0, 1.0 / 4);
        Assert.Equal(expected, Profile(ArbitrationMethod.Geometric, 2, 1, 0, 0, 1).Composite(Scores), 12);
    }

    [Theory]
    [InlineData(ArbitrationMethod.WeightedAverage)]
    [InlineData(ArbitrationMethod.Geometric)]
    public void Only_the_ratio_of_weights_matters(ArbitrationMethod method) =>
        Assert.Equal(Profile(method, 1, 2, 3, 4, 5).Composite(Scores), Profile(method, 10, 20, 30, 40, 50).Composite(Scores), 12);

    [Fact]
    public void A_geometric_zero_is_floored_so_candidates_still_order_by_other_dimensions()
    {
        var profile = Profile(ArbitrationMethod.Geometric, 1, 1, 0, 0, 0);
        var weakMargin = profile.Composite(new ArbitrationScores(0, Margin: 0.2));
        var strongMargin = profile.Composite(new ArbitrationScores(0, Margin: 0.9));
        Assert.True(weakMargin > 0);
        Assert.True(strongMargin > weakMargin);
        Assert.True(strongMargin < 0.01);
    }

    [Fact]
    public void A_zero_weight_dimension_does_not_count_even_at_zero() =>
        Assert.Equal(0.8, Profile(ArbitrationMethod.Geometric, 1, 0, 0, 0, 0).Composite(Scores with { Margin = 0 }), 12);

    [Fact]
    public void More_fatigue_lowers_the_composite()
    {
        var profile = Profile(ArbitrationMethod.WeightedAverage, 1, 0, 1, 0, 0);
        Assert.True(profile.Composite(Scores with { Fatigue = 0.9 }) < profile.Composite(Scores with { Fatigue = 0.1 }));
    }

    [Theory]
    [InlineData(ArbitrationMethod.WeightedAverage)]
    [InlineData(ArbitrationMethod.Geometric)]
    public void Scores_outside_zero_to_one_are_clamped(ArbitrationMethod method)
    {
        var composite = Profile(method, 1, 1, 1, 1, 1).Composite(new ArbitrationScores(7, -3, double.NaN, 2, 0.5));
        Assert.InRange(composite, 0, 1);
        Assert.False(double.IsNaN(composite));
    }
}
