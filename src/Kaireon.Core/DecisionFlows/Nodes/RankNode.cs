using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows.Nodes;

/// <summary>How candidates are ordered; wire values as the glossary writes them: <c>topN</c>, <c>diversity</c>, <c>round_robin</c>, <c>explore_exploit</c>.</summary>
[JsonConverter(typeof(RankMethodConverter))]
public enum RankMethod { TopN, Diversity, RoundRobin, ExploreExploit }

/// <summary>The glossary spells one value camelCase (<c>topN</c>) and the others snake_case.</summary>
public sealed class RankMethodConverter() : NamedEnumConverter<RankMethod>(Names)
{
    public static readonly EnumNames<RankMethod> Names = new(new Naming());

    private sealed class Naming : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name == nameof(RankMethod.TopN) ? "topN" : SnakeCaseLower.ConvertName(name);
    }
}

/// <summary><c>rank</c>: orders the candidates and keeps the best.</summary>
public sealed record RankNode : FlowNode
{
    public RankNodeConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override FlowNodeType? Type => FlowNodeType.Rank;

    protected override void ValidateConfig(string path, ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, path, Config)) Config.Validate(path, errors);
    }
}

/// <summary>
/// <list type="bullet">
/// <item><c>topN</c>: by score, highest first (ties by offer id);</item>
/// <item><c>diversity</c>: by score, at most <see cref="MaxPerGroup"/> (default 1) per value of
/// <see cref="DiversityField"/> (default <c>categoryId</c>) until every group is used, then the rest by score;</item>
/// <item><c>round_robin</c>: the best of each group of <see cref="DiversityField"/> in turn;</item>
/// <item><c>explore_exploit</c>: each slot is, with probability <see cref="Epsilon"/> (default 0.1),
/// a random remaining candidate, else the best remaining one.</item>
/// </list>
/// At most <see cref="Limit"/> are kept (1–50; null: the request's limit); with a limit on both,
/// the smaller. Fields of another method are refused, so a setting never silently does nothing.
/// Also the v1 <c>stages.ranking</c>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed partial record RankNodeConfig
{
    public const int MaxLimit = 50;
    public const string DefaultDiversityField = "categoryId";
    public const double DefaultEpsilon = 0.1;

    public RankMethod Method { get; set; } = RankMethod.TopN;
    public int? Limit { get; init; }
    public string? DiversityField { get; init; }
    public int? MaxPerGroup { get; init; }
    public double? Epsilon { get; init; }

    /// <summary>What the diversity and round-robin groups are told apart by: a candidate field, or one of the offer's custom fields.</summary>
    [GeneratedRegex("^(categoryId|subCategoryId|channelId|placementId|offerId|customFields\\.[A-Za-z][A-Za-z0-9_]{0,63})$")]
    private static partial Regex DiversityFieldPattern();

    [JsonIgnore]
    public string GroupField => DiversityField ?? DefaultDiversityField;

    internal void Validate(string path, ValidationErrors errors)
    {
        errors.Range($"{path}.limit", Limit, 1, MaxLimit);
        var grouped = Method is RankMethod.Diversity or RankMethod.RoundRobin;
        if (!grouped && DiversityField is not null) errors.Add($"{path}.diversityField", "is only for method diversity or round_robin.");
        errors.Pattern($"{path}.diversityField", DiversityField, DiversityFieldPattern(), "categoryId, subCategoryId, channelId, placementId, offerId or customFields.<key>");
        if (Method != RankMethod.Diversity && MaxPerGroup is not null) errors.Add($"{path}.maxPerGroup", "is only for method diversity.");
        errors.Range($"{path}.maxPerGroup", MaxPerGroup, 1, MaxLimit);
        if (Method != RankMethod.ExploreExploit && Epsilon is not null) errors.Add($"{path}.epsilon", "is only for method explore_exploit.");
        errors.Range($"{path}.epsilon", Epsilon, 0, 1);
    }
}
