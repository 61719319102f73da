using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.Scoring;

/// <summary>Where a model's score came from: what a decision trace shows next to it.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ScoreBasis>))]
public enum ScoreBasis
{
    /// <summary>The scorecard's normalised points.</summary>
    Scorecard,

    /// <summary>The Beta posterior mean (bayesian).</summary>
    PosteriorMean,

    /// <summary>A draw from the arm's Beta posterior (thompson_bandit).</summary>
    Sampled,

    /// <summary>An arm never pulled, scored 1.0 so it gets tried (epsilon_greedy).</summary>
    Unpulled,

    /// <summary>An exploring decision: a uniform random score (epsilon_greedy).</summary>
    Explored,

    /// <summary>An exploiting decision: the arm's observed rate (epsilon_greedy).</summary>
    Exploited,

    /// <summary>Adaptive propensity: the offer's own rate.</summary>
    OfferRate,

    /// <summary>Adaptive propensity: the offer's category's rate.</summary>
    CategoryRate,

    /// <summary>Adaptive propensity: the tenant-wide rate.</summary>
    TenantRate,

    /// <summary>Adaptive propensity: the model's configured prior.</summary>
    Prior,

    /// <summary>Adaptive propensity: nothing known, 0.5.</summary>
    Default,
}

/// <summary>A model's score for one candidate, in [0, 1], with its <see cref="ScoreBasis"/>.</summary>
public readonly record struct ModelScore(double Value, ScoreBasis Basis);
