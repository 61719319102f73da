using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Scoring;

/// <summary>
/// A configured Scoring Engine (<c>POST /api/v1/algorithm-models</c>): a <see cref="ModelType"/>
/// and its <see cref="Config"/>. What a learning model has learned is kept apart, in its
/// <see cref="LearnedState"/>, so editing the configuration never races the stream's updates.
/// </summary>
public sealed record AlgorithmModel : CatalogEntity
{
    public string Name { get; set; } = "";
    public string? Description { get; init; }
    public AlgorithmModelType? ModelType { get; init; }

    /// <summary>Type-specific settings; left out, every setting takes its default.</summary>
    public AlgorithmModelConfig? Config { get; set; } = new();

    public static readonly CatalogKind<AlgorithmModel> Kind = new()
    {
        Name = "algorithm_model",
        Route = "algorithm-models",
        IdPrefix = "model_",
        Title = "Algorithm Model",
        Json = KaireonJson.Default.AlgorithmModel,
        Validate = static (m, errors) =>
        {
            errors.RequiredText("name", m.Name, 200);
            errors.Text("description", m.Description, 2000);
            if (m.ModelType is not { } type) errors.Add("modelType", $"is required: one of {SnakeCaseEnumConverter<AlgorithmModelType>.Allowed}.");
            else (m.Config ?? new()).Validate(type, "config", errors);
        },
        // A type Kaireon knows but cannot run is well-formed and semantically unusable: 422, not 400.
        ValidateWithReferences = static (m, _, errors) =>
        {
            if (m.ModelType?.UnavailableReason() is { } reason) errors.Add("modelType", reason);
        },
    };
}
