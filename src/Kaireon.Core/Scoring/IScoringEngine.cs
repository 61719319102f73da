using Kaireon.Core.Randomness;

namespace Kaireon.Core.Scoring;

/// <summary>
/// A Scoring Engine bound to one model's configuration (see <see cref="ScoringEngines.Create"/>):
/// it turns candidates into scores in [0, 1]. Build one per model version and reuse it; it holds
/// no per-decision state and is safe to share between threads.
/// </summary>
public interface IScoringEngine
{
    AlgorithmModelType ModelType { get; }

    /// <summary>
    /// Scores every candidate of one decision into <paramref name="scores"/> (same length). The
    /// candidates of a decision are scored together because some engines decide once per decision
    /// (epsilon-greedy explores or exploits the whole set). <paramref name="state"/> is the model's
    /// learned state (<see cref="LearnedState.Empty"/> for a new model); all randomness comes from
    /// <paramref name="random"/>.
    /// </summary>
    void Score(ReadOnlySpan<ScoringCandidate> candidates, LearnedState state, IRandomSource random, Span<ModelScore> scores);
}

public static class ScoringEngineExtensions
{
    /// <summary>Scores a single candidate, as a decision of one.</summary>
    public static ModelScore Score(this IScoringEngine engine, in ScoringCandidate candidate, LearnedState state, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Span<ModelScore> score = stackalloc ModelScore[1];
        engine.Score(new ReadOnlySpan<ScoringCandidate>(in candidate), state, random, score);
        return score[0];
    }
}
