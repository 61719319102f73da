using Kaireon.Core.Scoring;

namespace Kaireon.Core.Tests.Scoring;

public sealed class AdaptivePropensityTests
{
    private static ArmStats Outcomes(int trials, double rate) => new(trials, (long)Math.Round(trials * rate));

    [Fact]
    public void The_offers_own_rate_counts_from_50_outcomes()
    {
        Assert.Equal(new ModelScore(0.2, ScoreBasis.OfferRate), AdaptivePropensity.Estimate(Outcomes(50, 0.2), Outcomes(100, 0.4), Outcomes(100, 0.6), 0.1));
        Assert.Equal(ScoreBasis.CategoryRate, AdaptivePropensity.Estimate(Outcomes(49, 0.2), Outcomes(100, 0.4), Outcomes(100, 0.6), 0.1).Basis);
    }

    [Fact]
    public void The_categorys_rate_counts_from_20_outcomes()
    {
        Assert.Equal(new ModelScore(0.4, ScoreBasis.CategoryRate), AdaptivePropensity.Estimate(Outcomes(49, 0.2), Outcomes(20, 0.4), Outcomes(100, 0.6), 0.1));
        Assert.Equal(ScoreBasis.TenantRate, AdaptivePropensity.Estimate(Outcomes(49, 0.2), Outcomes(19, 0.4), Outcomes(100, 0.6), 0.1).Basis);
    }

    [Fact]
    public void The_tenants_rate_counts_from_10_outcomes()
    {
        Assert.Equal(new ModelScore(0.6, ScoreBasis.TenantRate), AdaptivePropensity.Estimate(Outcomes(49, 0.2), Outcomes(19, 0.4), Outcomes(10, 0.6), 0.1));
        Assert.Equal(ScoreBasis.Prior, AdaptivePropensity.Estimate(Outcomes(49, 0.2), Outcomes(19, 0.4), Outcomes(9, 0.6), 0.1).Basis);
    }

    [Fact]
    public void Then_the_models_prior_then_one_half()
    {
        Assert.Equal(new ModelScore(0.1, ScoreBasis.Prior), AdaptivePropensity.Estimate(default, default, Outcomes(9, 0.6), 0.1));
        Assert.Equal(new ModelScore(0.5, ScoreBasis.Default), AdaptivePropensity.Estimate(default, default, Outcomes(9, 0.6), null));
    }

    [Fact]
    public void It_reads_the_arm_category_and_total_of_a_learned_state()
    {
        var state = LearnedState.Update(LearnedState.Empty,
            [.. Enumerable.Repeat(new ModelOutcome("o1", "cards", OutcomeTypes.OutcomeCategory.Impression), 20),
             .. Enumerable.Repeat(new ModelOutcome("o1", "cards", OutcomeTypes.OutcomeCategory.Positive), 5)],
            RewardOn.Positive);
        Assert.Equal(new ModelScore(0.25, ScoreBasis.CategoryRate), AdaptivePropensity.Estimate(state, "o2", "cards", null));
        Assert.Equal(new ModelScore(0.25, ScoreBasis.TenantRate), AdaptivePropensity.Estimate(state, "o3", "loans", null));
        Assert.Equal(new ModelScore(0.25, ScoreBasis.TenantRate), AdaptivePropensity.Estimate(state, "o3", null, null));
    }
}
