namespace Kaireon.Core.Scoring;

/// <summary>
/// One candidate's score on each Arbitration dimension, each in [0, 1] (values outside are clamped).
/// </summary>
/// <param name="Conversion">Likelihood the customer converts: the Scoring Engine's score.</param>
/// <param name="Margin">Profit margin or business value of the Offer, normalised.</param>
/// <param name="Fatigue">The fatigue <b>penalty</b>: 0 = not contacted lately, 1 = over-contacted. It enters the composite as 1 − fatigue, so more fatigue means a lower score.</param>
/// <param name="Fairness">How much showing this Offer evens out distribution across segments (1 = most fair).</param>
/// <param name="Recency">Preference for Offers not recently shown: 1 = not shown recently.</param>
public readonly record struct ArbitrationScores(double Conversion, double Margin = 0, double Fatigue = 0, double Fairness = 0, double Recency = 0);
