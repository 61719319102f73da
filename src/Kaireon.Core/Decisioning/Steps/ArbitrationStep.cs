using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Scoring;

namespace Kaireon.Core.Decisioning.Steps;

/// <summary>
/// Arbitration inside the <c>score</c> node: each candidate's score so far becomes the conversion
/// dimension, the other four are measured, and the profile's composite becomes the score. Every
/// dimension is in [0, 1]:
/// <list type="bullet">
/// <item><b>margin</b>: the offer's margin custom field (<see cref="ArbitrationProfile.MarginField"/>)
/// over the largest among the candidates, so the most valuable candidate scores 1; 0 without one;</item>
/// <item><b>fatigue</b> (a penalty): the customer's impressions of the offer in the last
/// <see cref="LookbackDays"/> days since their last positive response to it, over <see cref="FatigueCap"/>;</item>
/// <item><b>fairness</b>: 1 − the offer's share of tenant-wide impressions relative to the most shown
/// candidate (what the learning shards count), so rarely shown offers get their turn;</item>
/// <item><b>recency</b>: how long ago the offer was last shown to the customer, as a fraction of
/// <see cref="LookbackDays"/> days (1 when not shown in that time).</item>
/// </list>
/// Fatigue and recency read the customer's history, which Recommend loads for
/// <see cref="LookbackDays"/> days when the profile weighs either of them.
/// </summary>
public static class ArbitrationStep
{
    public const int LookbackDays = 7;
    public const int FatigueCap = 5;

    /// <summary>Whether deciding with the profile needs the customer's recent history.</summary>
    public static bool ReadsHistory(ArbitrationProfile profile) => profile.Weights is { } w && (w.Fatigue > 0 || w.Recency > 0);

    public static void Apply(ArbitrationProfile profile, List<Candidate> candidates, DecisionContext context)
    {
        if (candidates.Count == 0) return;
        var marginField = profile.MarginField ?? ArbitrationProfile.DefaultMarginField;
        var margins = candidates.Select(c => Margin(c, marginField)).ToArray();
        var maxMargin = margins.Where(m => m > 0).DefaultIfEmpty(0).Max();
        var shown = candidates.Select(c => context.Learning.ImpressionsOf(c.OfferId)).ToArray();
        var maxShown = shown.Max();
        var since = context.Now.AddDays(-LookbackDays);
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var (fatigue, recency) = Exposure(candidate.OfferId, context.History, since, context.Now);
            var scores = new ArbitrationScores(
                Conversion: candidate.Score,
                Margin: maxMargin > 0 ? Math.Max(margins[i], 0) / maxMargin : 0,
                Fatigue: fatigue,
                Fairness: maxShown > 0 ? 1 - (double)shown[i] / maxShown : 1,
                Recency: recency);
            candidate.Score = profile.Composite(scores);
            candidate.ScoreBasis = $"{candidate.ScoreBasis}+{profile.Id}";
        }
    }

    private static double Margin(Candidate candidate, string field) =>
        candidate.Offer.CustomFields?.TryGetValue(field, out var value) == true && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    /// <summary>Fatigue and recency of one offer from the customer's history (oldest first).</summary>
    private static (double Fatigue, double Recency) Exposure(string offerId, IReadOnlyList<Interaction> history, DateTimeOffset since, DateTimeOffset now)
    {
        var unanswered = 0;
        DateTimeOffset? lastShown = null;
        foreach (var interaction in history)
        {
            if (interaction.OfferId != offerId || interaction.Timestamp < since || interaction.Timestamp > now) continue;
            if (interaction.Outcome == OutcomeCategory.Impression)
            {
                unanswered++;
                lastShown = interaction.Timestamp;
            }
            else if (interaction.Outcome is OutcomeCategory.Positive or OutcomeCategory.Conversion) unanswered = 0;
        }
        var fatigue = Math.Min(1.0, (double)unanswered / FatigueCap);
        var recency = lastShown is { } at ? Math.Clamp((now - at).TotalDays / LookbackDays, 0, 1) : 1;
        return (fatigue, recency);
    }
}
