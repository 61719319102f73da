using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows.Nodes;

/// <summary><c>priority_fill</c>: placements are filled in the order listed, each with the best candidates left that fit it.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<GroupStrategy>))]
public enum GroupStrategy { PriorityFill }

/// <summary><c>group</c>: allocates the ranked candidates into placement slots.</summary>
public sealed record GroupNode : FlowNode
{
    public GroupNodeConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override FlowNodeType? Type => FlowNodeType.Group;

    protected override void ValidateConfig(string path, ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, path, Config)) Config.Validate(path, errors);
    }
}

/// <summary>
/// <see cref="Placements"/> are the slots to fill (none given: the request's <c>placements</c>).
/// Each <c>placement</c> is a placement id or a slot type, as a Recommend request names it, so it
/// is not checked as a reference; a candidate fits a slot when its creative is for that placement
/// (or that slot type), or it has no placement. A candidate fills one slot at most.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed partial record GroupNodeConfig
{
    public List<PlacementSlot>? Placements { get; init; }
    public GroupStrategy Strategy { get; set; } = GroupStrategy.PriorityFill;

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    internal static partial Regex PlacementPattern();

    internal void Validate(string path, ValidationErrors errors)
    {
        errors.MaxCount($"{path}.placements", Placements, 20);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < (Placements?.Count ?? 0); i++)
        {
            var at = $"{path}.placements[{i}]";
            if (!ConfigRules.Present(errors, at, Placements![i])) continue;
            var slot = Placements[i];
            if (slot.Placement is null) errors.Add($"{at}.placement", "is required: a placement id or slot type.");
            errors.Pattern($"{at}.placement", slot.Placement, PlacementPattern(), "a placement id or slot type: [a-z0-9_-], 1–64 characters");
            if (slot.Placement is { } name && !seen.TryAdd(name, i)) errors.Add($"{at}.placement", $"repeats placements[{seen[name]}].");
            errors.Range($"{at}.limit", slot.Limit, 1, RankNodeConfig.MaxLimit);
        }
    }
}

/// <summary>One slot group: a placement id or slot type and how many decisions it takes (null: the placement's <c>maxSlots</c>, else 1).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PlacementSlot
{
    public string? Placement { get; init; }
    public int? Limit { get; init; }
}
