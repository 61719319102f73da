namespace Kaireon.Core.Randomness;

/// <summary>The distributions decisioning samples from, built on any <see cref="IRandomSource"/>.</summary>
public static class RandomSourceExtensions
{
    /// <summary>A uniform draw in (0, 1): never 0, so it is safe under a logarithm or a power.</summary>
    public static double NextOpenDouble(this IRandomSource random)
    {
        double u;
        do u = random.NextDouble(); while (u <= 0);
        return u;
    }

    /// <summary>A standard normal draw (mean 0, variance 1), by the Marsaglia polar method.</summary>
    public static double NextStandardNormal(this IRandomSource random)
    {
        while (true)
        {
            var u = 2 * random.NextDouble() - 1;
            var v = 2 * random.NextDouble() - 1;
            var s = u * u + v * v;
            // The second variate of the pair is dropped: keeping it would make the source stateful.
            if (s > 0 && s < 1) return u * Math.Sqrt(-2 * Math.Log(s) / s);
        }
    }

    /// <summary>
    /// A Gamma(<paramref name="shape"/>, 1) draw by Marsaglia–Tsang (2000); a shape below 1 is
    /// boosted to shape + 1 and scaled back by U^(1/shape). Mean = shape, variance = shape.
    /// </summary>
    public static double NextGamma(this IRandomSource random, double shape)
    {
        if (!(shape > 0) || double.IsInfinity(shape)) throw new ArgumentOutOfRangeException(nameof(shape), shape, "must be positive and finite.");
        if (shape < 1) return random.NextGamma(shape + 1) * Math.Pow(random.NextOpenDouble(), 1 / shape);

        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = random.NextStandardNormal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = random.NextOpenDouble();
            // The cheap squeeze accepts almost every draw before the logarithms are needed.
            if (u < 1 - 0.0331 * (x * x) * (x * x)) return d * v;
            if (Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    /// <summary>
    /// A Beta(<paramref name="alpha"/>, <paramref name="beta"/>) draw in [0, 1] as X / (X + Y) with
    /// X ~ Gamma(α), Y ~ Gamma(β). Mean = α / (α + β).
    /// </summary>
    public static double NextBeta(this IRandomSource random, double alpha, double beta)
    {
        var x = random.NextGamma(alpha);
        var y = random.NextGamma(beta);
        var sum = x + y;
        // Both can underflow to 0 for tiny shapes; the mean is the honest answer then.
        return sum > 0 ? x / sum : alpha / (alpha + beta);
    }
}
