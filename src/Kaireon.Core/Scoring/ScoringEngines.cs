namespace Kaireon.Core.Scoring;

/// <summary>Builds the engine for a model: once per model version, then shared.</summary>
public static class ScoringEngines
{
    /// <summary>
    /// The engine for <paramref name="model"/>'s type and configuration (validated beforehand).
    /// Throws <see cref="ScoringEngineNotAvailableException"/> for a type that is not available yet.
    /// </summary>
    public static IScoringEngine Create(AlgorithmModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var type = model.ModelType ?? throw new ArgumentException("The model has no modelType: validate it first.", nameof(model));
        return Create(type, model.Config ?? new());
    }

    public static IScoringEngine Create(AlgorithmModelType type, AlgorithmModelConfig config) => type switch
    {
        AlgorithmModelType.Scorecard => new ScorecardEngine(config),
        AlgorithmModelType.Bayesian => new BayesianEngine(config),
        AlgorithmModelType.ThompsonBandit => new ThompsonBanditEngine(config),
        AlgorithmModelType.EpsilonGreedy => new EpsilonGreedyEngine(config),
        _ => throw new ScoringEngineNotAvailableException(type),
    };
}
