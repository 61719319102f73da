namespace Kaireon.Core.Scoring;

/// <summary>
/// The adaptive propensity fallback chain: the offer's own rate once it has
/// <see cref="OfferMinimum"/> outcomes, else its category's once that has
/// <see cref="CategoryMinimum"/>, else the tenant's once that has <see cref="TenantMinimum"/>, else
/// the model's prior, else <see cref="Default"/>. An outcome here is a trial (see <see cref="ArmStats.Trials"/>).
/// </summary>
public static class AdaptivePropensity
{
    public const int OfferMinimum = 50;
    public const int CategoryMinimum = 20;
    public const int TenantMinimum = 10;
    public const double Default = 0.5;

    public static ModelScore Estimate(ArmStats offer, ArmStats category, ArmStats tenant, double? prior)
    {
        if (offer.Trials >= OfferMinimum) return new(offer.Rate!.Value, ScoreBasis.OfferRate);
        if (category.Trials >= CategoryMinimum) return new(category.Rate!.Value, ScoreBasis.CategoryRate);
        if (tenant.Trials >= TenantMinimum) return new(tenant.Rate!.Value, ScoreBasis.TenantRate);
        return prior is { } p ? new(p, ScoreBasis.Prior) : new(Default, ScoreBasis.Default);
    }

    /// <summary>The chain over a model's learned counts: the arm, its category and the model's total.</summary>
    public static ModelScore Estimate(LearnedState state, string offerId, string? categoryId, double? prior)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Estimate(state.ArmOf(offerId), state.CategoryOf(categoryId), state.Total, prior);
    }
}
