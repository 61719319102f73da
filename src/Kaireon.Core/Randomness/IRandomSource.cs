namespace Kaireon.Core.Randomness;

/// <summary>
/// The one source of randomness for decisioning: bandit draws, A/B variant picks and
/// champion–challenger splits all come from here, never from <c>Random.Shared</c>, so a seeded
/// source makes a whole decision reproducible in tests and simulations.
/// </summary>
/// <remarks>
/// Implementations must be safe to call from several threads at once. Distributions built on it
/// (Gamma, Beta, normal) live in <see cref="RandomSourceExtensions"/> so every source gets them.
/// </remarks>
public interface IRandomSource
{
    /// <summary>A uniform draw in [0, 1): 0 inclusive, 1 exclusive.</summary>
    double NextDouble();
}
