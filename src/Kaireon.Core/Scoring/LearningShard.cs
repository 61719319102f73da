using Kaireon.Core.Interactions;
using Kaireon.Core.OutcomeTypes;

namespace Kaireon.Core.Scoring;

/// <summary>
/// What the learning models of a tenant learn from, for one stream partition: all-time outcome
/// counts per offer (<c>rollups</c> container, partition <c>tenant|_learning</c>, id <c>p3</c>), and
/// the last stream sequence number applied. Like a <see cref="TenantRollup"/> shard, a batch only
/// applies events above that number, so a redelivered batch changes nothing; the shards of a
/// tenant are summed when read (<see cref="ModelLearning"/>).
/// </summary>
/// <remarks>
/// Counts are kept raw (impressions, positives, conversions) rather than per model, so every model
/// reads the same history through its own <see cref="RewardOn"/>, and a model created today learns
/// from all of it at once.
/// </remarks>
public sealed record LearningShard
{
    /// <summary>The partition key (after the tenant) of every learning shard.</summary>
    public const string PartitionKey = "_learning";

    public required string StreamPartition { get; init; }
    public long LastSequence { get; set; } = -1;
    public Dictionary<string, OfferOutcomes> Offers { get; init; } = new(StringComparer.Ordinal);

    public static string DocumentId(string streamPartition) => $"p{streamPartition}";

    /// <summary>Counts the interaction when it is an outcome about an offer that a model learns from; answers whether it did.</summary>
    public bool Add(Interaction interaction)
    {
        if (!Counts(interaction)) return false;
        var (offerId, outcome) = (interaction.OfferId!, interaction.Outcome!.Value);
        if (!Offers.TryGetValue(offerId, out var counts)) Offers[offerId] = counts = new OfferOutcomes();
        counts.CategoryId = interaction.CategoryId ?? counts.CategoryId;
        switch (outcome)
        {
            case OutcomeCategory.Impression: counts.Impressions++; break;
            case OutcomeCategory.Positive: counts.Positives++; break;
            default: counts.Conversions++; break;
        }
        return true;
    }

    /// <summary>Whether a model learns from the interaction: an impression, positive or conversion about an offer.</summary>
    public static bool Counts(Interaction interaction) =>
        interaction is { OfferId: not null, Outcome: OutcomeCategory.Impression or OutcomeCategory.Positive or OutcomeCategory.Conversion };

    public LearningShard Copy() => this with
    {
        Offers = Offers.ToDictionary(o => o.Key, o => o.Value with { }, StringComparer.Ordinal),
    };
}

/// <summary>One offer's all-time outcomes as learning models count them; its category as last reported.</summary>
public sealed record OfferOutcomes
{
    public string? CategoryId { get; set; }
    public long Impressions { get; set; }
    public long Positives { get; set; }
    public long Conversions { get; set; }

    /// <summary>The arm these outcomes make under <paramref name="rewardOn"/>: each count times what one such outcome adds (<see cref="LearnedState.Increment"/>).</summary>
    public ArmStats Arm(RewardOn rewardOn) =>
        Times(LearnedState.Increment(OutcomeCategory.Impression, rewardOn), Impressions)
        + Times(LearnedState.Increment(OutcomeCategory.Positive, rewardOn), Positives)
        + Times(LearnedState.Increment(OutcomeCategory.Conversion, rewardOn), Conversions);

    private static ArmStats Times(ArmStats one, long count) => new(one.Pulls * count, one.Successes * count);
}
