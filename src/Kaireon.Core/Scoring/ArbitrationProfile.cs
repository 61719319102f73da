using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Scoring;

/// <summary>
/// An Arbitration profile (<c>POST /api/v1/arbitration-profiles</c>): how up to five dimensions
/// combine into one composite score for ranking.
/// </summary>
/// <remarks>
/// Both methods normalise the weights, so only their ratios matter, and both answer the
/// conversion score when every weight is zero. <see cref="ArbitrationMethod.Geometric"/> is
/// Π sᵢ^(wᵢ / Σ w) over the dimensions with a positive weight; each score is first clamped to
/// [<see cref="GeometricFloor"/>, 1], so a zero in one dimension makes the composite tiny but
/// never 0 or NaN, and candidates still order by their other dimensions.
/// </remarks>
public sealed record ArbitrationProfile : CatalogEntity
{
    /// <summary>The least a dimension score counts for in the geometric method.</summary>
    public const double GeometricFloor = 1e-6;

    public string Name { get; set; } = "";
    public string? Description { get; init; }
    public ArbitrationWeights? Weights { get; set; } = new();
    public ArbitrationMethod Method { get; set; } = ArbitrationMethod.WeightedAverage;

    /// <summary>The offers' custom field that holds their margin (the margin dimension); default <see cref="DefaultMarginField"/>.</summary>
    public string? MarginField { get; init; }

    public const string DefaultMarginField = "margin";

    /// <summary>The composite score of one candidate, in [0, 1].</summary>
    public double Composite(in ArbitrationScores scores) => Composite(Weights ?? new(), Method, scores);

    public static double Composite(ArbitrationWeights weights, ArbitrationMethod method, in ArbitrationScores scores)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var total = weights.Total();
        var conversion = Clamp(scores.Conversion);
        if (!(total > 0)) return conversion;
        Span<(double Weight, double Score)> dimensions =
        [
            (weights.Conversion, conversion),
            (weights.Margin, Clamp(scores.Margin)),
            (weights.Fatigue, 1 - Clamp(scores.Fatigue)),
            (weights.Fairness, Clamp(scores.Fairness)),
            (weights.Recency, Clamp(scores.Recency)),
        ];
        if (method == ArbitrationMethod.Geometric)
        {
            var product = 1.0;
            foreach (var (w, s) in dimensions)
                if (w > 0) product *= Math.Pow(Math.Max(s, GeometricFloor), w / total);
            return product;
        }
        var sum = 0.0;
        foreach (var (w, s) in dimensions) sum += w * s;
        return sum / total;
    }

    private static double Clamp(double score) => double.IsNaN(score) ? 0 : Math.Clamp(score, 0, 1);

    public static readonly CatalogKind<ArbitrationProfile> Kind = new()
    {
        Name = "arbitration_profile",
        Route = "arbitration-profiles",
        IdPrefix = "arb_",
        Title = "Arbitration Profile",
        Json = KaireonJson.Default.ArbitrationProfile,
        Validate = static (p, errors) =>
        {
            errors.RequiredText("name", p.Name, 200);
            errors.Text("description", p.Description, 2000);
            errors.Text("marginField", p.MarginField, 64);
            if (p.Weights is null) errors.Add("weights", "must be an object of dimension weights.");
            else p.Weights.Validate("weights", errors);
        },
    };
}
