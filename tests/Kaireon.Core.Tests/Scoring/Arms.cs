using Kaireon.Core.Scoring;

namespace Kaireon.Core.Tests.Scoring;

/// <summary>Learned states built from counts, the way the contract's fixtures state them.</summary>
internal static class Arms
{
    /// <summary>An arm whose default-prior posterior is Beta(alpha, beta): successes = α − 1, failures = β − 1.</summary>
    public static ArmStats FromBeta(int alpha, int beta) => new(Pulls: alpha - 1 + beta - 1, Successes: alpha - 1);

    public static LearnedState State(params (string Offer, ArmStats Arm)[] arms)
    {
        var state = new LearnedState();
        foreach (var (offer, arm) in arms)
        {
            state.Arms[offer] = arm;
            state.Total += arm;
        }
        return state;
    }

    public static ScoringCandidate[] Candidates(params string[] offers) => [.. offers.Select(o => new ScoringCandidate(o))];
}
