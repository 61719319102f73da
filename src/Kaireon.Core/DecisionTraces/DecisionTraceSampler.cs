using Kaireon.Core.Randomness;

namespace Kaireon.Core.DecisionTraces;

/// <summary>Whether a decision is traced: always with <c>debug</c>, else with the tenant's sample rate, drawn from the injected source.</summary>
public static class DecisionTraceSampler
{
    public static bool ShouldTrace(bool debug, double sampleRate, IRandomSource random) =>
        debug || (sampleRate > 0 && (sampleRate >= 1 || random.NextDouble() < sampleRate));
}
