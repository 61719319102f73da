using System.Text.Json;
using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Channels;
using Kaireon.Core.Json;
using Kaireon.Core.Offers;
using Kaireon.Core.Placements;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Creatives;

[JsonConverter(typeof(SnakeCaseEnumConverter<CreativeStatus>))]
public enum CreativeStatus { Draft, Active, Paused, Archived }

/// <summary>
/// The content of an Offer on one Channel (and optionally one Placement). Creatives of the same
/// Offer, Channel and Placement are A/B variants, picked in proportion to <see cref="VariantWeight"/>.
/// </summary>
public sealed record Creative : CatalogEntity
{
    public const int MaxContentBytes = 256 * 1024;

    public string Name { get; set; } = "";
    public string? OfferId { get; init; }
    public string? ChannelId { get; init; }
    public string? PlacementId { get; init; }
    public Dictionary<string, JsonElement>? Content { get; init; }
    public string? Variant { get; init; }
    public double VariantWeight { get; set; } = 100;
    public string? Locale { get; init; }
    public CreativeStatus Status { get; set; } = CreativeStatus.Active;

    public static readonly CatalogKind<Creative> Kind = new()
    {
        Name = "creative",
        Route = "creatives",
        IdPrefix = "cr_",
        Title = "Creative",
        Json = KaireonJson.Default.Creative,
        Validate = static (c, errors) =>
        {
            errors.RequiredText("name", c.Name, 200);
            errors.Reference("offerId", c.OfferId, required: true);
            errors.Reference("channelId", c.ChannelId, required: true);
            errors.Reference("placementId", c.PlacementId, required: false);
            errors.Text("variant", c.Variant, 50);
            errors.Range("variantWeight", c.VariantWeight, 0, 100);
            errors.Text("locale", c.Locale, 35);
            if (c.Content is { } content && JsonSerializer.SerializeToUtf8Bytes(content, KaireonJson.Default.DictionaryStringJsonElement).Length > MaxContentBytes)
                errors.Add("content", $"must be at most {MaxContentBytes / 1024} KiB of JSON.");
        },
        References = static c =>
            [new("offerId", Offer.Kind.Name, c.OfferId), new("channelId", Channel.Kind.Name, c.ChannelId), new("placementId", Placement.Kind.Name, c.PlacementId)],
        ValidateWithReferences = static (c, refs, errors) =>
        {
            if (refs.Find(Placement.Kind, c.PlacementId) is { } placement && placement.ChannelId != c.ChannelId)
                errors.Add("placementId", $"placement '{c.PlacementId}' belongs to channel '{placement.ChannelId}', not '{c.ChannelId}'.");
        },
    };
}
