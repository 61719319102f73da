using Kaireon.Core.Formulas;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Scoring;

/// <summary>
/// One line of a scorecard: a value read by <see cref="Field"/> (a field reference such as
/// <c>customer.age</c>, or any formula) turned into points, times <see cref="Weight"/>.
/// </summary>
/// <remarks>
/// With <see cref="Bins"/>, the points are those of the first bin the value falls in, else
/// <see cref="DefaultPoints"/>. Without bins the factor is linear: the points are the value itself
/// (a number), else <see cref="DefaultPoints"/>.
/// </remarks>
public sealed record ScorecardFactor
{
    public const int MaxBins = 50;

    public string Field { get; set; } = "";
    public double Weight { get; set; } = 1;
    public List<ScorecardBin>? Bins { get; init; }

    /// <summary>The points when no bin matches or the value is missing.</summary>
    public double DefaultPoints { get; set; }

    /// <summary>The smallest and largest contribution (weight × points) a binned factor can make; null for a linear one.</summary>
    internal (double Min, double Max)? Range()
    {
        if (Bins is not { Count: > 0 } bins) return null;
        var points = bins.Select(b => b.Points).Append(DefaultPoints).Select(p => p * Weight).ToList();
        return (points.Min(), points.Max());
    }

    internal void Validate(string path, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(Field)) errors.Add($"{path}.field", "is required: a field such as customer.age, or a formula.");
        else if (Formula.Check(Field) is { } error) errors.Add($"{path}.field", error.ToString());
        ScorecardBin.Finite(errors, $"{path}.weight", Weight);
        ScorecardBin.Finite(errors, $"{path}.defaultPoints", DefaultPoints);
        if (Bins is null) return;
        if (Bins.Count == 0) errors.Add($"{path}.bins", "must have at least one bin, or be left out for a linear factor.");
        errors.MaxCount($"{path}.bins", Bins, MaxBins);
        for (var i = 0; i < Bins.Count; i++)
        {
            if (Bins[i] is null) errors.Add($"{path}.bins[{i}]", "must be an object.");
            else Bins[i].Validate($"{path}.bins[{i}]", errors);
        }
    }
}
