namespace Kaireon.Core.Scoring;

/// <summary>
/// The <c>priority_weighted</c> score of the contract: (priority / 100) × (weight / 100) × fit,
/// where fit is the product of the soft qualification multipliers (each 0.1–1.0; 1 with none).
/// Inputs are clamped to their ranges (priority and weight 0–100, fit 0–1), so the score is in [0, 1].
/// </summary>
public static class PriorityWeighted
{
    public static double Score(double priority, double weight, double fitMultiplier = 1) =>
        Math.Clamp(priority, 0, 100) / 100 * (Math.Clamp(weight, 0, 100) / 100) * Math.Clamp(fitMultiplier, 0, 1);
}
