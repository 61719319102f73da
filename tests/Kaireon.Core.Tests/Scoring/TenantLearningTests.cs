using Kaireon.Core.Interactions;
using Kaireon.Core.OutcomeTypes;
using Kaireon.Core.Scoring;

namespace Kaireon.Core.Tests.Scoring;

/// <summary>Learning shards summed give every model the state that folding its outcomes one by one would.</summary>
public sealed class TenantLearningTests
{
    private static readonly OutcomeCategory[] Outcomes = Enum.GetValues<OutcomeCategory>();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Shards_summed_equal_the_fold_of_the_outcomes_for_each_reward_rule(int seed)
    {
        var random = new Random(seed);
        var shards = Enumerable.Range(0, random.Next(1, 5)).Select(p => new LearningShard { StreamPartition = $"{p}" }).ToArray();
        var outcomes = new List<ModelOutcome>();
        for (var i = 0; i < 500; i++)
        {
            var offer = $"o{random.Next(8)}";
            var interaction = new Interaction
            {
                EventId = $"e{i}", CustomerId = "c", Type = "t", Timestamp = DateTimeOffset.UnixEpoch,
                Outcome = random.Next(10) == 0 ? null : Outcomes[random.Next(Outcomes.Length)],
                OfferId = random.Next(10) == 0 ? null : offer,
                CategoryId = offer == "o7" ? null : $"cat{offer[1] - '0' & 1}",
            };
            shards[random.Next(shards.Length)].Add(interaction);
            if (ModelOutcome.From(interaction) is { } outcome) outcomes.Add(outcome);
        }

        var learning = TenantLearning.Sum(shards);

        foreach (var rewardOn in Enum.GetValues<RewardOn>())
        {
            var expected = LearnedState.Update(LearnedState.Empty, outcomes, rewardOn);
            var actual = learning.For(rewardOn);
            Assert.Equal(expected.Total, actual.Total);
            Assert.Equal(expected.Arms.Where(a => a.Value != default).OrderBy(a => a.Key), actual.Arms.Where(a => a.Value != default).OrderBy(a => a.Key));
            Assert.Equal(expected.Categories.Where(a => a.Value != default).OrderBy(a => a.Key), actual.Categories.Where(a => a.Value != default).OrderBy(a => a.Key));
        }
    }

    [Fact]
    public void Negative_and_neutral_outcomes_and_events_without_an_offer_are_not_counted()
    {
        var shard = new LearningShard { StreamPartition = "0" };
        Assert.False(shard.Add(new Interaction { EventId = "1", CustomerId = "c", Type = "dismiss", Timestamp = default, Outcome = OutcomeCategory.Negative, OfferId = "o" }));
        Assert.False(shard.Add(new Interaction { EventId = "2", CustomerId = "c", Type = "view", Timestamp = default, Outcome = OutcomeCategory.Neutral, OfferId = "o" }));
        Assert.False(shard.Add(new Interaction { EventId = "3", CustomerId = "c", Type = "click", Timestamp = default, Outcome = OutcomeCategory.Positive }));
        Assert.True(shard.Add(new Interaction { EventId = "4", CustomerId = "c", Type = "click", Timestamp = default, Outcome = OutcomeCategory.Positive, OfferId = "o" }));
        Assert.Equal(1, Assert.Single(shard.Offers).Value.Positives);
    }
}
