using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Kaireon.Core.Catalog;
using Kaireon.Core.Channels;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Placements;

[JsonConverter(typeof(SnakeCaseEnumConverter<PlacementStatus>))]
public enum PlacementStatus { Active, Inactive }

/// <summary>A named slot within a Channel (<c>hero-banner</c>) holding up to <see cref="MaxSlots"/> decisions.</summary>
public sealed partial record Placement : CatalogEntity
{
    public const int MaxSlotsLimit = 50;

    public string Name { get; set; } = "";
    public string? Description { get; init; }
    public string? ChannelId { get; init; }
    public string? SlotType { get; init; }
    public int MaxSlots { get; set; } = 1;
    public PlacementStatus Status { get; set; } = PlacementStatus.Active;

    [GeneratedRegex("^[a-z0-9_-]{1,50}$")]
    private static partial Regex SlotTypePattern();

    public static readonly CatalogKind<Placement> Kind = new()
    {
        Name = "placement",
        Route = "placements",
        IdPrefix = "plc_",
        Title = "Placement",
        Json = KaireonJson.Default.Placement,
        Validate = static (p, errors) =>
        {
            errors.RequiredText("name", p.Name, 200);
            errors.Text("description", p.Description, 2000);
            errors.Reference("channelId", p.ChannelId, required: true);
            if (p.SlotType is null) errors.Add("slotType", "is required (banner, widget, inline, …).");
            errors.Pattern("slotType", p.SlotType, SlotTypePattern(), "[a-z0-9_-], 1–50 characters");
            errors.Range("maxSlots", p.MaxSlots, 1, MaxSlotsLimit);
        },
        References = static p => [new("channelId", Channel.Kind.Name, p.ChannelId)],
    };
}
