using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Channels;
using Kaireon.Core.Placements;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows.Nodes;

/// <summary><c>match_creatives</c>: pairs each candidate Offer with an eligible Creative.</summary>
public sealed record MatchCreativesNode : FlowNode
{
    public MatchCreativesConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override FlowNodeType? Type => FlowNodeType.MatchCreatives;

    protected override void ValidateConfig(string path, ValidationErrors errors)
    {
        if (!ConfigRules.Present(errors, path, Config)) return;
        ConfigRules.Ids(errors, $"{path}.channelIds", Config.ChannelIds, required: false, max: 50);
        ConfigRules.Ids(errors, $"{path}.placementIds", Config.PlacementIds, required: false, max: 100);
    }

    public override IEnumerable<EntityReference> References(string path) =>
    [
        .. ConfigRules.References($"{path}.channelIds", Config?.ChannelIds, Channel.Kind.Name),
        .. ConfigRules.References($"{path}.placementIds", Config?.PlacementIds, Placement.Kind.Name),
    ];
}

/// <summary>
/// Eligible creatives are active ones of the candidate's offer on <see cref="ChannelIds"/> (none
/// given: the request's channel, else any) and <see cref="PlacementIds"/> (none given: the
/// request's placement when <see cref="UseRequestPlacement"/>, else any). Several eligible ones
/// are A/B variants, picked by weight, stably per customer. With <see cref="RequireCreative"/> a
/// candidate without one is removed; without it, it stays with no creative.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MatchCreativesConfig
{
    public List<string>? ChannelIds { get; init; }
    public List<string>? PlacementIds { get; init; }
    public bool UseRequestPlacement { get; set; } = true;
    public bool RequireCreative { get; set; } = true;
}
