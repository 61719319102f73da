namespace Kaireon.Core.Randomness;

/// <summary>How the decisioning random source is seeded (section <c>Kaireon:Randomness</c>).</summary>
public sealed class RandomnessOptions
{
    public const string Section = "Kaireon:Randomness";

    /// <summary>Null (the default) seeds from the OS; a value makes every run draw the same sequence.</summary>
    public int? Seed { get; set; }
}
