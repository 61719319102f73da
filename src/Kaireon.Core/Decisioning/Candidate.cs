using System.Text.Json;
using Kaireon.Core.Creatives;
using Kaireon.Core.Offers;

namespace Kaireon.Core.Decisioning;

/// <summary>An offer moving through a Decision Flow, with what the nodes have attached to it so far.</summary>
public sealed class Candidate(Offer offer)
{
    public Offer Offer { get; } = offer;
    public Creative? Creative { get; set; }
    public double Score { get; set; }
    public double? Propensity { get; set; }

    /// <summary>The product of the soft (fit) qualification multipliers, 0.1–1 each.</summary>
    public double Fit { get; set; } = 1;

    /// <summary>How the score was made (<c>priority_weighted</c>, a model's basis), for traces.</summary>
    public string? ScoreBasis { get; set; }

    private Dictionary<string, JsonElement>? _properties;

    /// <summary>Attached by <c>set_properties</c> and <c>compute</c>; returned as the decision's <c>properties</c>.</summary>
    public Dictionary<string, JsonElement> Properties => _properties ??= new(StringComparer.Ordinal);

    /// <summary>The properties, or null while no node has set one (most of a large catalog's candidates never get any).</summary>
    public IReadOnlyDictionary<string, JsonElement>? PropertiesIfAny => _properties;

    /// <summary>The placement a <c>group</c> node put it in.</summary>
    public string? Placement { get; set; }

    public string OfferId => Offer.Id!;
}
