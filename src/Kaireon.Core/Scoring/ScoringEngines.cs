using System.Runtime.CompilerServices;

namespace Kaireon.Core.Scoring;

/// <summary>Builds the engine for a model: once per model version, then shared.</summary>
public static class ScoringEngines
{
    // Snapshot entities are immutable and replaced on every catalog change, so an instance is a version.
    private static readonly ConditionalWeakTable<AlgorithmModel, IScoringEngine> Built = [];

    /// <summary>The engine of this version of <paramref name="model"/>, built on first use and kept as long as the version is.</summary>
    public static IScoringEngine For(AlgorithmModel model) => Built.GetValue(model, static m => Create(m));

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
