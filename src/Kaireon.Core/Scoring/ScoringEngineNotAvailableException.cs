namespace Kaireon.Core.Scoring;

/// <summary>
/// A model of a type Kaireon recognises but cannot score with yet (<c>gradient_boosted</c>,
/// <c>neural_cf</c>, <c>online_learner</c>). The API answers it as 422; model validation already
/// rejects such models, so at decision time it means a stored model predates that check.
/// </summary>
public sealed class ScoringEngineNotAvailableException(AlgorithmModelType type)
    : Exception(type.UnavailableReason() ?? $"'{type}' is available.")
{
    public AlgorithmModelType ModelType { get; } = type;
}
