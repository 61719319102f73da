namespace Kaireon.Core.Randomness;

/// <summary>
/// The default <see cref="IRandomSource"/>: a <see cref="Random"/> behind a lock. With a seed the
/// sequence of draws is the same in every run and process (a seeded <see cref="Random"/> keeps its
/// algorithm across .NET versions); without one it is seeded from the OS.
/// </summary>
/// <remarks>
/// Thread-safe. Draws from several threads interleave in whatever order the threads arrive, so
/// determinism holds for one caller at a time (a test, a simulation, one decision replayed).
/// </remarks>
public sealed class SeededRandomSource : IRandomSource
{
    private readonly Random _random;
    private readonly Lock _lock = new();

    public SeededRandomSource(int? seed = null) => _random = seed is { } s ? new Random(s) : new Random();

    public static SeededRandomSource FromOptions(RandomnessOptions options) => new(options.Seed);

    public double NextDouble()
    {
        lock (_lock) return _random.NextDouble();
    }
}
