using Kaireon.Core.Validation;

namespace Kaireon.Core.Scoring;

/// <summary>
/// The weight of each Arbitration dimension, each 0–100 (only their ratios matter). The default
/// weighs conversion alone, so a profile that sets nothing ranks by the conversion score.
/// </summary>
public sealed record ArbitrationWeights
{
    public const double MaxWeight = 100;

    public double Conversion { get; set; } = 1;
    public double Margin { get; set; }
    public double Fatigue { get; set; }
    public double Fairness { get; set; }
    public double Recency { get; set; }

    public double Total() => Conversion + Margin + Fatigue + Fairness + Recency;

    internal void Validate(string path, ValidationErrors errors)
    {
        errors.Range($"{path}.conversion", Conversion, 0, MaxWeight);
        errors.Range($"{path}.margin", Margin, 0, MaxWeight);
        errors.Range($"{path}.fatigue", Fatigue, 0, MaxWeight);
        errors.Range($"{path}.fairness", Fairness, 0, MaxWeight);
        errors.Range($"{path}.recency", Recency, 0, MaxWeight);
    }
}
