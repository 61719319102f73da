using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.Scoring;

/// <summary>The seven Scoring Engine types of the glossary, simplest first.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<AlgorithmModelType>))]
public enum AlgorithmModelType
{
    Scorecard,
    Bayesian,
    GradientBoosted,
    ThompsonBandit,
    EpsilonGreedy,
    NeuralCf,
    OnlineLearner,
}

public static class AlgorithmModelTypes
{
    /// <summary>Whether Kaireon can score with this type yet; the others are recognised but answer 422.</summary>
    public static bool IsAvailable(this AlgorithmModelType type) =>
        type is not (AlgorithmModelType.GradientBoosted or AlgorithmModelType.NeuralCf or AlgorithmModelType.OnlineLearner);

    /// <summary>Whether the type learns from Respond outcomes through <see cref="LearnedState.Update(LearnedState, ModelOutcome, RewardOn)"/>.</summary>
    public static bool Learns(this AlgorithmModelType type) =>
        type is AlgorithmModelType.Bayesian or AlgorithmModelType.ThompsonBandit or AlgorithmModelType.EpsilonGreedy or AlgorithmModelType.OnlineLearner;

    /// <summary>Why a type cannot be used yet, or null when it can.</summary>
    public static string? UnavailableReason(this AlgorithmModelType type) => type.IsAvailable()
        ? null
        : $"'{SnakeCaseEnumConverter<AlgorithmModelType>.NameOf(type)}' models are not available yet: use scorecard, bayesian, thompson_bandit or epsilon_greedy.";
}
