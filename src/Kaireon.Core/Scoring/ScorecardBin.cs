using System.Text.Json;
using System.Text.Json.Serialization;
using Kaireon.Core.Formulas;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Scoring;

/// <summary>
/// One band of a scorecard factor: a numeric range [<see cref="Min"/>, <see cref="Max"/>) (either
/// end open when null) or an exact value (<see cref="EqualTo"/>, JSON <c>equals</c>), and the
/// points it gives.
/// </summary>
public sealed record ScorecardBin
{
    /// <summary>Inclusive lower bound.</summary>
    public double? Min { get; init; }

    /// <summary>Exclusive upper bound.</summary>
    public double? Max { get; init; }

    /// <summary>A string, number or boolean the value must equal (strings case-sensitively).</summary>
    [JsonPropertyName("equals")]
    public JsonElement? EqualTo { get; init; }

    public double Points { get; init; }

    /// <summary>Whether <paramref name="value"/> falls in this bin. Null never does.</summary>
    public bool Matches(FormulaValue value)
    {
        if (value.IsNull) return false;
        if (EqualTo is { } expected) return FormulaValue.FromJson(expected) == value;
        if (!value.TryGetNumber(out var n)) return false;
        return (Min is not { } min || n >= min) && (Max is not { } max || n < max);
    }

    internal void Validate(string path, ValidationErrors errors)
    {
        if (EqualTo is { } expected)
        {
            if (expected.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                errors.Add($"{path}.equals", "must be a string, number or boolean.");
            if (Min is not null || Max is not null) errors.Add(path, "takes either equals or a min/max range, not both.");
        }
        else if (Min is null && Max is null) errors.Add(path, "needs min, max or equals.");
        if (Min is { } min && Max is { } max && max <= min) errors.Add($"{path}.max", "must be greater than min.");
        Finite(errors, $"{path}.min", Min);
        Finite(errors, $"{path}.max", Max);
        Finite(errors, $"{path}.points", Points);
    }

    internal static void Finite(ValidationErrors errors, string path, double? value)
    {
        if (value is { } v && !double.IsFinite(v)) errors.Add(path, "must be a finite number.");
    }
}
