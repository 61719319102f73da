using System.Text.Json.Serialization;

namespace Kaireon.Core.Scoring;

/// <summary>
/// What a learning model knows about one arm (an offer), or about a category or the whole
/// model when summed: <see cref="Pulls"/> counted from impressions and <see cref="Successes"/>
/// counted from rewarded outcomes (see <see cref="LearnedState"/> for the rule).
/// </summary>
/// <remarks>
/// The raw counters are stored as they came. A channel that never records impressions can still
/// report successes, so the derived counts read a success as proof of a pull:
/// <see cref="Trials"/> = max(pulls, successes) and <see cref="Failures"/> = trials − successes.
/// <c>default</c> is an arm never pulled.
/// </remarks>
public readonly record struct ArmStats(long Pulls, long Successes)
{
    [JsonIgnore]
    public long Trials => Math.Max(Pulls, Successes);

    [JsonIgnore]
    public long Failures => Trials - Successes;

    /// <summary>Successes per trial in [0, 1]; null for an arm never pulled.</summary>
    [JsonIgnore]
    public double? Rate => Trials == 0 ? null : (double)Successes / Trials;

    public static ArmStats operator +(ArmStats a, ArmStats b) => new(a.Pulls + b.Pulls, a.Successes + b.Successes);

    public ArmStats Add(ArmStats other) => this + other;
}
