using Kaireon.Core.Validation;

namespace Kaireon.Core.Scoring;

/// <summary>
/// The settings of an Algorithm Model. One shape for every type; each type reads its own fields
/// and ignores the rest:
/// <list type="bullet">
/// <item>scorecard: <see cref="BaseScore"/>, <see cref="Factors"/>, <see cref="MinScore"/>, <see cref="MaxScore"/>;</item>
/// <item>bayesian and thompson_bandit: the Beta prior <see cref="Alpha0"/>, <see cref="Beta0"/>;</item>
/// <item>epsilon_greedy: <see cref="Epsilon"/>, <see cref="DecayRate"/>;</item>
/// <item>every learning type: <see cref="RewardOn"/>, and <see cref="Prior"/> for the adaptive propensity chain.</item>
/// </list>
/// </summary>
public sealed record AlgorithmModelConfig
{
    public const int MaxFactors = 100;

    /// <summary>Beta prior successes (pseudo-counts), &gt; 0. Default 1: with <see cref="Beta0"/> = 1 a uniform prior.</summary>
    public double Alpha0 { get; set; } = 1;

    /// <summary>Beta prior failures (pseudo-counts), &gt; 0. Default 1.</summary>
    public double Beta0 { get; set; } = 1;

    /// <summary>The exploration rate ε before decay, 0–1. Default 0.1.</summary>
    public double Epsilon { get; set; } = 0.1;

    /// <summary>How fast exploration decays with pulls: ε_t = ε / (1 + decayRate × totalPulls). Default 0 (no decay).</summary>
    public double DecayRate { get; set; }

    public RewardOn RewardOn { get; set; } = RewardOn.Positive;

    /// <summary>The model's prior conversion rate, 0–1, used by the adaptive propensity chain before the 0.5 default.</summary>
    public double? Prior { get; init; }

    /// <summary>Scorecard points every candidate starts with.</summary>
    public double BaseScore { get; set; }

    public List<ScorecardFactor>? Factors { get; init; }

    /// <summary>Raw points that normalise to 0. Default: the lowest total the factors' bins can give.</summary>
    public double? MinScore { get; init; }

    /// <summary>Raw points that normalise to 1. Default: the highest total the factors' bins can give.</summary>
    public double? MaxScore { get; init; }

    /// <summary>The scorecard's normalisation range: the configured ends, else derived from the bins; null when a linear factor leaves an end unknown.</summary>
    public (double Min, double Max)? ScorecardRange()
    {
        double low = BaseScore, high = BaseScore;
        var derivable = true;
        foreach (var factor in Factors ?? [])
        {
            if (factor?.Range() is { } range)
            {
                low += range.Min;
                high += range.Max;
            }
            else derivable = false;
        }
        if (!derivable && (MinScore is null || MaxScore is null)) return null;
        return (MinScore ?? low, MaxScore ?? high);
    }

    internal void Validate(AlgorithmModelType type, string path, ValidationErrors errors)
    {
        switch (type)
        {
            case AlgorithmModelType.Scorecard:
                ValidateScorecard(path, errors);
                break;
            case AlgorithmModelType.Bayesian or AlgorithmModelType.ThompsonBandit:
                Positive(errors, $"{path}.alpha0", Alpha0);
                Positive(errors, $"{path}.beta0", Beta0);
                break;
            case AlgorithmModelType.EpsilonGreedy:
                errors.Range($"{path}.epsilon", Epsilon, 0, 1);
                errors.Range($"{path}.decayRate", DecayRate, 0, 1_000_000);
                break;
        }
        errors.Range($"{path}.prior", Prior, 0, 1);
    }

    private void ValidateScorecard(string path, ValidationErrors errors)
    {
        if (Factors is not { Count: > 0 })
        {
            errors.Add($"{path}.factors", "is required for a scorecard: at least one factor.");
            return;
        }
        errors.MaxCount($"{path}.factors", Factors, MaxFactors);
        var before = errors.Count;
        ScorecardBin.Finite(errors, $"{path}.baseScore", BaseScore);
        ScorecardBin.Finite(errors, $"{path}.minScore", MinScore);
        ScorecardBin.Finite(errors, $"{path}.maxScore", MaxScore);
        for (var i = 0; i < Factors.Count; i++)
        {
            if (Factors[i] is null) errors.Add($"{path}.factors[{i}]", "must be an object.");
            else Factors[i].Validate($"{path}.factors[{i}]", errors);
        }
        if (errors.Count != before) return;
        if (ScorecardRange() is not { } range)
            errors.Add($"{path}.maxScore", "minScore and maxScore are required when a factor has no bins: its points have no natural range.");
        else if (range.Max <= range.Min)
            errors.Add(MaxScore is null ? $"{path}.factors" : $"{path}.maxScore",
                $"the scorecard cannot be normalised: its highest total ({range.Max}) must be above its lowest ({range.Min}).");
    }

    private static void Positive(ValidationErrors errors, string path, double value)
    {
        if (!(value > 0) || value > 1_000_000) errors.Add(path, "must be greater than 0 and at most 1000000.");
    }
}
