using System.Text.Json;
using Kaireon.Core.Creatives;
using Kaireon.Core.Offers;

namespace Kaireon.Core.Decisioning;

/// <summary>An offer moving through a Decision Flow, with what the nodes have attached to it so far.</summary>
/// <remarks>
/// A large catalog makes one per offer per decision, so it is kept small: what few candidates ever
/// get (a placement, properties) lives in a side object made on first use, and the propensity is a
/// plain double with NaN for none.
/// </remarks>
public sealed class Candidate(Offer offer)
{
    private double _propensity = double.NaN;
    private Extras? _extras;

    public Offer Offer { get; } = offer;
    public Creative? Creative { get; set; }
    public double Score { get; set; }

    /// <summary>The scoring engine's propensity, when a model scored the candidate.</summary>
    public double? Propensity
    {
        get => double.IsNaN(_propensity) ? null : _propensity;
        set => _propensity = value ?? double.NaN;
    }

    /// <summary>The product of the soft (fit) qualification multipliers, 0.1–1 each.</summary>
    public double Fit { get; set; } = 1;

    /// <summary>How the score was made (<c>priority_weighted</c>, a model's basis), for traces.</summary>
    public string? ScoreBasis { get; set; }

    /// <summary>Attached by <c>set_properties</c> and <c>compute</c>; returned as the decision's <c>properties</c>.</summary>
    public Dictionary<string, JsonElement> Properties => (_extras ??= new()).Properties ??= new(StringComparer.Ordinal);

    /// <summary>The properties, or null while no node has set one (most of a large catalog's candidates never get any).</summary>
    public IReadOnlyDictionary<string, JsonElement>? PropertiesIfAny => _extras?.Properties;

    /// <summary>The placement a <c>group</c> node put it in.</summary>
    public string? Placement
    {
        get => _extras?.Placement;
        set
        {
            if (value is null && _extras is null) return;
            (_extras ??= new()).Placement = value;
        }
    }

    public string OfferId => Offer.Id!;

    private sealed class Extras
    {
        public Dictionary<string, JsonElement>? Properties;
        public string? Placement;
    }
}
