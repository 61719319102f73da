using Kaireon.Core.OutcomeTypes;

namespace Kaireon.Core.Scoring;

/// <summary>
/// What a learning model (bayesian, thompson_bandit, epsilon_greedy) has learned: counts per arm
/// (offer id), per category, and in total. The category and total counts feed the adaptive
/// propensity fallback chain and the epsilon-greedy decay without summing every arm.
/// </summary>
/// <remarks>
/// <para>The update rule, one outcome at a time:</para>
/// <list type="bullet">
/// <item>an <c>impression</c> outcome is a pull;</item>
/// <item>a <c>conversion</c> outcome is a success, and so is a <c>positive</c> one (open, click,
/// accept) unless the model rewards conversions only (<see cref="RewardOn.Conversion"/>);</item>
/// <item><c>negative</c> and <c>neutral</c> outcomes change nothing: an impression that never
/// turns into a success already counts as a failure (failures = trials − successes).</item>
/// </list>
/// <para>Each counted outcome moves the arm, its category (when known) and the total together.
/// The stream applies each event exactly once; <see cref="Update(LearnedState, ModelOutcome, RewardOn)"/>
/// itself is pure and never changes the state it is given.</para>
/// </remarks>
public sealed record LearnedState
{
    public static LearnedState Empty { get; } = new();

    /// <summary>Counts per offer id.</summary>
    public Dictionary<string, ArmStats> Arms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Counts per category id, summed over the category's offers.</summary>
    public Dictionary<string, ArmStats> Categories { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Counts over every arm: the tenant-wide rate and the total pulls.</summary>
    public ArmStats Total { get; set; }

    public ArmStats ArmOf(string offerId) => Arms.GetValueOrDefault(offerId);

    public ArmStats CategoryOf(string? categoryId) => categoryId is null ? default : Categories.GetValueOrDefault(categoryId);

    /// <summary>What one outcome adds to an arm under the update rule; <c>default</c> when it counts for nothing.</summary>
    public static ArmStats Increment(OutcomeCategory outcome, RewardOn rewardOn) => outcome switch
    {
        OutcomeCategory.Impression => new(1, 0),
        OutcomeCategory.Conversion => new(0, 1),
        OutcomeCategory.Positive when rewardOn == RewardOn.Positive => new(0, 1),
        _ => default,
    };

    /// <summary>The state after one outcome; <paramref name="state"/> is left as it was.</summary>
    public static LearnedState Update(LearnedState state, ModelOutcome outcome, RewardOn rewardOn) =>
        Update(state, [outcome], rewardOn);

    /// <summary>The state after a batch of outcomes, copied once for the whole batch; <paramref name="state"/> is left as it was.</summary>
    public static LearnedState Update(LearnedState state, IEnumerable<ModelOutcome> outcomes, RewardOn rewardOn)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(outcomes);
        var arms = new Dictionary<string, ArmStats>(state.Arms, StringComparer.Ordinal);
        var categories = new Dictionary<string, ArmStats>(state.Categories, StringComparer.Ordinal);
        var total = state.Total;
        foreach (var outcome in outcomes)
        {
            var delta = Increment(outcome.Outcome, rewardOn);
            if (delta == default) continue;
            arms[outcome.OfferId] = arms.GetValueOrDefault(outcome.OfferId) + delta;
            if (outcome.CategoryId is { } category) categories[category] = categories.GetValueOrDefault(category) + delta;
            total += delta;
        }
        return new LearnedState { Arms = arms, Categories = categories, Total = total };
    }
}
