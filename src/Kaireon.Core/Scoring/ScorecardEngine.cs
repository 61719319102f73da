using Kaireon.Core.Formulas;
using Kaireon.Core.Randomness;

namespace Kaireon.Core.Scoring;

/// <summary>
/// <c>scorecard</c>: raw = baseScore + Σ weight × points over the factors, normalised to [0, 1] as
/// (raw − minScore) / (maxScore − minScore) and clamped. Deterministic; reads fields only.
/// </summary>
public sealed class ScorecardEngine : IScoringEngine
{
    private static readonly IFieldResolver NoFields = new EmptyResolver();

    private readonly double _base;
    private readonly (Formula Value, ScorecardFactor Factor)[] _factors;
    private readonly double _min;
    private readonly double _span;

    /// <summary>Compiles the factors once. The configuration must have passed validation.</summary>
    public ScorecardEngine(AlgorithmModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var range = config.ScorecardRange() ?? throw new ArgumentException("The scorecard has no normalisation range: validate the model first.", nameof(config));
        _base = config.BaseScore;
        _factors = [.. (config.Factors ?? []).Select(f => (Formula.Compile(f.Field), f))];
        _min = range.Min;
        _span = range.Max - range.Min;
    }

    public AlgorithmModelType ModelType => AlgorithmModelType.Scorecard;

    public void Score(ReadOnlySpan<ScoringCandidate> candidates, LearnedState state, IRandomSource random, Span<ModelScore> scores)
    {
        for (var i = 0; i < candidates.Length; i++)
            scores[i] = new(Normalise(RawPoints(candidates[i].Fields ?? NoFields)), ScoreBasis.Scorecard);
    }

    /// <summary>The unnormalised total: what a trace shows to explain a scorecard score.</summary>
    public double RawPoints(IFieldResolver fields)
    {
        var total = _base;
        foreach (var (value, factor) in _factors) total += factor.Weight * PointsOf(factor, value.Evaluate(fields));
        return total;
    }

    private static double PointsOf(ScorecardFactor factor, FormulaValue value)
    {
        if (factor.Bins is not { } bins) return value.TryGetNumber(out var n) ? n : factor.DefaultPoints;
        foreach (var bin in bins)
        {
            if (bin.Matches(value)) return bin.Points;
        }
        return factor.DefaultPoints;
    }

    private double Normalise(double raw) => Math.Clamp((raw - _min) / _span, 0, 1);

    private sealed class EmptyResolver : IFieldResolver
    {
        public FormulaValue Resolve(FieldReference field) => FormulaValue.Null;
    }
}
