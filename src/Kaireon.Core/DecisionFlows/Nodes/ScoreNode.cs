using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Categories;
using Kaireon.Core.Channels;
using Kaireon.Core.Json;
using Kaireon.Core.Offers;
using Kaireon.Core.Scoring;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows.Nodes;

/// <summary>
/// <c>priority_weighted</c>: the contract's (priority/100) × (weight/100) × fit; <c>model</c>: the
/// Algorithm Model <c>modelId</c> (any available type); <c>scorecard</c>: a scorecard model.
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ScoringMethod>))]
public enum ScoringMethod { PriorityWeighted, Model, Scorecard }

[JsonConverter(typeof(SnakeCaseEnumConverter<ScoreOverrideScope>))]
public enum ScoreOverrideScope { Offer, Category, Channel }

/// <summary><c>score</c>: assigns each candidate a score.</summary>
public sealed record ScoreNode : FlowNode
{
    public ScoreNodeConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override FlowNodeType? Type => FlowNodeType.Score;

    protected override void ValidateConfig(string path, ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, path, Config)) Config.Validate(path, errors);
    }

    public override IEnumerable<EntityReference> References(string path) => Config?.References(path) ?? [];

    public override void ValidateWithReferences(string path, ReferencedEntities refs, ValidationErrors errors) =>
        Config?.ValidateWithReferences(path, refs, errors);
}

/// <summary>
/// The champion is <see cref="Method"/> (with <see cref="ModelId"/>); <see cref="Overrides"/> swap
/// in another model for one offer, category or channel (the most specific wins: offer, then
/// category, then channel); a <see cref="Challenger"/> scores <c>trafficPercent</c> of customers
/// instead, chosen stably per customer. With <see cref="ArbitrationProfileId"/> the model score is
/// the conversion dimension of the profile's composite, which becomes the score. Also the v1
/// <c>stages.scoring</c>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ScoreNodeConfig
{
    public const int MaxOverrides = 200;

    public ScoringMethod Method { get; set; } = ScoringMethod.PriorityWeighted;
    public string? ModelId { get; init; }
    public List<ScoreOverride>? Overrides { get; init; }
    public ChallengerConfig? Challenger { get; init; }
    public string? ArbitrationProfileId { get; init; }

    internal void Validate(string path, ValidationErrors errors)
    {
        if (Method == ScoringMethod.PriorityWeighted)
        {
            if (ModelId is not null) errors.Add($"{path}.modelId", "is only for method model or scorecard.");
        }
        else errors.Reference($"{path}.modelId", ModelId, required: true);
        errors.MaxCount($"{path}.overrides", Overrides, MaxOverrides);
        var seen = new Dictionary<(ScoreOverrideScope?, string?), int>();
        for (var i = 0; i < (Overrides?.Count ?? 0); i++)
        {
            var at = $"{path}.overrides[{i}]";
            var entry = Overrides![i];
            if (!ConfigRules.Present(errors, at, entry)) continue;
            if (entry.Scope is null) errors.Add($"{at}.scope", $"is required: one of {SnakeCaseEnumConverter<ScoreOverrideScope>.Allowed}.");
            errors.Reference($"{at}.id", entry.Id, required: true);
            errors.Reference($"{at}.modelId", entry.ModelId, required: true);
            if (!seen.TryAdd((entry.Scope, entry.Id), i)) errors.Add($"{at}.id", $"repeats the override of overrides[{seen[(entry.Scope, entry.Id)]}].");
        }
        if (Challenger is { } challenger)
        {
            errors.Reference($"{path}.challenger.modelId", challenger.ModelId, required: true);
            if (challenger.TrafficPercent is null) errors.Add($"{path}.challenger.trafficPercent", "is required: 0–100.");
            errors.Range($"{path}.challenger.trafficPercent", challenger.TrafficPercent, 0, 100);
        }
        errors.Reference($"{path}.arbitrationProfileId", ArbitrationProfileId, required: false);
    }

    internal IEnumerable<EntityReference> References(string path)
    {
        yield return new($"{path}.modelId", AlgorithmModel.Kind.Name, ModelId);
        for (var i = 0; i < (Overrides?.Count ?? 0); i++)
        {
            if (Overrides![i] is not { } entry) continue;
            var kind = entry.Scope switch
            {
                ScoreOverrideScope.Offer => Offer.Kind.Name,
                ScoreOverrideScope.Category => Category.Kind.Name,
                _ => Channel.Kind.Name,
            };
            yield return new($"{path}.overrides[{i}].id", kind, entry.Id);
            yield return new($"{path}.overrides[{i}].modelId", AlgorithmModel.Kind.Name, entry.ModelId);
        }
        yield return new($"{path}.challenger.modelId", AlgorithmModel.Kind.Name, Challenger?.ModelId);
        yield return new($"{path}.arbitrationProfileId", ArbitrationProfile.Kind.Name, ArbitrationProfileId);
    }

    internal void ValidateWithReferences(string path, ReferencedEntities refs, ValidationErrors errors)
    {
        if (Method == ScoringMethod.Scorecard && refs.Find(AlgorithmModel.Kind, ModelId) is { ModelType: not AlgorithmModelType.Scorecard } model)
            errors.Add($"{path}.modelId", $"model '{ModelId}' is a {SnakeCaseEnumConverter<AlgorithmModelType>.NameOf(model.ModelType!.Value)} model; method scorecard needs a scorecard (or use method model).");
    }
}

/// <summary>Scores candidates of one offer, category or channel with another model.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ScoreOverride
{
    public ScoreOverrideScope? Scope { get; init; }
    public string? Id { get; init; }
    public string? ModelId { get; init; }
}

/// <summary>A challenger model for <see cref="TrafficPercent"/> (0–100) of customers, the split stable per customer.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChallengerConfig
{
    public string? ModelId { get; init; }
    public double? TrafficPercent { get; init; }
}
