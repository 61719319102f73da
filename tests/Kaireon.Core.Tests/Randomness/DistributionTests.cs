using Kaireon.Core.Randomness;

namespace Kaireon.Core.Tests.Randomness;

/// <summary>Mean and variance of 20,000 seeded draws against the closed forms, within a few standard errors.</summary>
public sealed class DistributionTests
{
    private const int N = 20_000;

    private static (double Mean, double Variance) Moments(Func<double> draw)
    {
        var xs = Enumerable.Range(0, N).Select(_ => draw()).ToArray();
        var mean = xs.Average();
        return (mean, xs.Sum(x => (x - mean) * (x - mean)) / (N - 1));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1)]
    [InlineData(2.5)]
    [InlineData(30)]
    public void Gamma_has_mean_and_variance_equal_to_its_shape(double shape)
    {
        var random = new SeededRandomSource(11);
        var (mean, variance) = Moments(() => random.NextGamma(shape));
        Assert.Equal(shape, mean, shape * 0.03 + 0.01);
        Assert.Equal(shape, variance, shape * 0.08 + 0.01);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(22, 80)]
    [InlineData(65, 38)]
    [InlineData(0.5, 0.5)]
    [InlineData(2, 9)]
    public void Beta_has_its_closed_form_mean_and_variance(double a, double b)
    {
        var random = new SeededRandomSource(12);
        var (mean, variance) = Moments(() => random.NextBeta(a, b));
        var expectedMean = a / (a + b);
        var expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1));
        Assert.Equal(expectedMean, mean, 0.01);
        Assert.Equal(expectedVariance, variance, expectedVariance * 0.08);
    }

    [Fact]
    public void Standard_normal_has_mean_0_and_variance_1()
    {
        var random = new SeededRandomSource(13);
        var (mean, variance) = Moments(random.NextStandardNormal);
        Assert.Equal(0, mean, 0.03);
        Assert.Equal(1, variance, 0.04);
    }

    [Fact]
    public void Beta_draws_stay_in_zero_to_one()
    {
        var random = new SeededRandomSource(14);
        for (var i = 0; i < 2_000; i++) Assert.InRange(random.NextBeta(0.05, 0.05), 0, 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Gamma_rejects_a_shape_that_is_not_positive(double shape) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeededRandomSource(1).NextGamma(shape));
}
