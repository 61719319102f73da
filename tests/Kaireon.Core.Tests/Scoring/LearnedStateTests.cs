using System.Text.Json;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Scoring;

namespace Kaireon.Core.Tests.Scoring;

public sealed class LearnedStateTests
{
    private static ModelOutcome Outcome(OutcomeCategory category, string offer = "o1", string? cat = "cards") => new(offer, cat, category);

    [Fact]
    public void An_impression_is_a_pull_and_a_positive_outcome_a_success()
    {
        var state = LearnedState.Update(LearnedState.Empty, [Outcome(OutcomeCategory.Impression), Outcome(OutcomeCategory.Impression), Outcome(OutcomeCategory.Positive)], RewardOn.Positive);
        var arm = state.ArmOf("o1");
        Assert.Equal(new ArmStats(Pulls: 2, Successes: 1), arm);
        Assert.Equal(1, arm.Failures);
        Assert.Equal(0.5, arm.Rate);
    }

    [Fact]
    public void A_conversion_is_a_success_under_either_reward()
    {
        Assert.Equal(1, LearnedState.Update(LearnedState.Empty, Outcome(OutcomeCategory.Conversion), RewardOn.Positive).ArmOf("o1").Successes);
        Assert.Equal(1, LearnedState.Update(LearnedState.Empty, Outcome(OutcomeCategory.Conversion), RewardOn.Conversion).ArmOf("o1").Successes);
    }

    [Fact]
    public void Rewarding_conversions_only_ignores_positive_outcomes() =>
        Assert.Equal(default, LearnedState.Update(LearnedState.Empty, Outcome(OutcomeCategory.Positive), RewardOn.Conversion).ArmOf("o1"));

    [Theory]
    [InlineData(OutcomeCategory.Negative)]
    [InlineData(OutcomeCategory.Neutral)]
    public void Negative_and_neutral_outcomes_change_nothing(OutcomeCategory category)
    {
        var state = LearnedState.Update(LearnedState.Empty, Outcome(category), RewardOn.Positive);
        Assert.Empty(state.Arms);
        Assert.Equal(default, state.Total);
    }

    [Fact]
    public void An_impression_without_a_success_is_a_failure()
    {
        var arm = LearnedState.Update(LearnedState.Empty, Outcome(OutcomeCategory.Impression), RewardOn.Positive).ArmOf("o1");
        Assert.Equal((1L, 0L, 1L), (arm.Trials, arm.Successes, arm.Failures));
    }

    [Fact]
    public void A_success_without_a_recorded_impression_counts_as_a_trial()
    {
        var arm = LearnedState.Update(LearnedState.Empty, Outcome(OutcomeCategory.Positive), RewardOn.Positive).ArmOf("o1");
        Assert.Equal((0L, 1L, 0L, 1.0), (arm.Pulls, arm.Trials, arm.Failures, arm.Rate!.Value));
    }

    [Fact]
    public void The_arm_its_category_and_the_total_move_together()
    {
        var state = LearnedState.Update(LearnedState.Empty,
            [Outcome(OutcomeCategory.Impression, "o1", "cards"), Outcome(OutcomeCategory.Impression, "o2", "cards"), Outcome(OutcomeCategory.Impression, "o3", null), Outcome(OutcomeCategory.Positive, "o2", "cards")],
            RewardOn.Positive);
        Assert.Equal(new ArmStats(1, 0), state.ArmOf("o1"));
        Assert.Equal(new ArmStats(1, 1), state.ArmOf("o2"));
        Assert.Equal(new ArmStats(2, 1), state.CategoryOf("cards"));
        Assert.Equal(new ArmStats(3, 1), state.Total);
        Assert.Single(state.Categories);
    }

    [Fact]
    public void Update_is_pure()
    {
        var before = LearnedState.Update(LearnedState.Empty, Outcome(OutcomeCategory.Impression), RewardOn.Positive);
        var after = LearnedState.Update(before, Outcome(OutcomeCategory.Impression), RewardOn.Positive);
        Assert.Equal(new ArmStats(1, 0), before.ArmOf("o1"));
        Assert.Equal(new ArmStats(1, 0), before.Total);
        Assert.Equal(new ArmStats(2, 0), after.ArmOf("o1"));
        Assert.Empty(LearnedState.Empty.Arms);
    }

    [Fact]
    public void An_interaction_becomes_a_model_outcome_only_when_it_is_an_outcome_about_an_offer()
    {
        var click = new Interaction { EventId = "e1", CustomerId = "c1", Type = "click", Timestamp = DateTimeOffset.UnixEpoch, Outcome = OutcomeCategory.Positive, OfferId = "o1", CategoryId = "cards" };
        Assert.Equal(new ModelOutcome("o1", "cards", OutcomeCategory.Positive), ModelOutcome.From(click));
        Assert.Null(ModelOutcome.From(click with { OfferId = null }));
        Assert.Null(ModelOutcome.From(click with { Outcome = null }));
    }

    [Fact]
    public void It_round_trips_through_the_json_contract()
    {
        var state = LearnedState.Update(LearnedState.Empty, [Outcome(OutcomeCategory.Impression), Outcome(OutcomeCategory.Conversion)], RewardOn.Positive);
        var json = JsonSerializer.Serialize(state, KaireonJson.Default.LearnedState);
        Assert.Equal("""{"arms":{"o1":{"pulls":1,"successes":1}},"categories":{"cards":{"pulls":1,"successes":1}},"total":{"pulls":1,"successes":1}}""", json);
        var back = JsonSerializer.Deserialize(json, KaireonJson.Default.LearnedState)!;
        Assert.Equal(state.Arms, back.Arms);
        Assert.Equal(state.Total, back.Total);
        Assert.Equal(new ArmStats(0, 0), JsonSerializer.Deserialize("{}", KaireonJson.Default.LearnedState)!.Total);
    }
}
