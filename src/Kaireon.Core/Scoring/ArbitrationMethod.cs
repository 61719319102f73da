using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.Scoring;

/// <summary>How an Arbitration profile combines its dimensions.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ArbitrationMethod>))]
public enum ArbitrationMethod
{
    /// <summary>Σ wᵢ·sᵢ / Σ wᵢ (the glossary's definition, and the default).</summary>
    WeightedAverage,

    /// <summary>Π sᵢ^(wᵢ / Σ w): a weighted geometric mean, where a weak dimension drags the whole score down.</summary>
    Geometric,
}
