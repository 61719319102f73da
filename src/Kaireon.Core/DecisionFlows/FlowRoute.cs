using System.Text.RegularExpressions;
using Kaireon.Core.Catalog;
using Kaireon.Core.Channels;
using Kaireon.Core.Json;

namespace Kaireon.Core.DecisionFlows;

/// <summary>
/// Routes Recommend calls that name no flow (<c>POST /api/v1/flow-routes</c>): a call on
/// <see cref="ChannelId"/> and/or <see cref="Placement"/> runs the flow <see cref="FlowKey"/>.
/// <see cref="FlowRouting.Resolve"/> picks among matching routes.
/// </summary>
public sealed partial record FlowRoute : CatalogEntity
{
    public const int MaxPriority = 1000;

    public string? Name { get; init; }
    public string? ChannelId { get; init; }

    /// <summary>A placement id or slot type, matched against the request's placement (and that placement's slot type).</summary>
    public string? Placement { get; init; }

    public string? FlowKey { get; init; }

    /// <summary>0–1000; among equally specific matches the highest wins.</summary>
    public int Priority { get; set; }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex PlacementPattern();

    public static readonly CatalogKind<FlowRoute> Kind = new()
    {
        Name = "flow_route",
        Route = "flow-routes",
        IdPrefix = "route_",
        Title = "Flow Route",
        Json = KaireonJson.Default.FlowRoute,
        Validate = static (r, errors) =>
        {
            errors.Text("name", r.Name, 200, 1);
            errors.Reference("channelId", r.ChannelId, required: false);
            errors.Pattern("placement", r.Placement, PlacementPattern(), "a placement id or slot type: [a-z0-9_-], 1–64 characters");
            if (r.ChannelId is null && r.Placement is null)
                errors.Add("channelId", "give channelId, placement or both: a route matches calls on them (the tenant's default flow covers the rest).");
            errors.Reference("flowKey", r.FlowKey, required: true);
            errors.Range("priority", r.Priority, 0, MaxPriority);
        },
        References = static r => [new("channelId", Channel.Kind.Name, r.ChannelId), new("flowKey", DecisionFlow.Kind.Name, r.FlowKey)],
    };
}
