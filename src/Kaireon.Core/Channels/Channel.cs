using System.Text.Json;
using System.Text.Json.Serialization;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Channels;

[JsonConverter(typeof(SnakeCaseEnumConverter<ChannelType>))]
public enum ChannelType { Email, Sms, Web, Push, InApp, Webhook, Whatsapp, DirectMail }

[JsonConverter(typeof(SnakeCaseEnumConverter<DeliveryMode>))]
public enum DeliveryMode { Api, File, Integration, Manual }

/// <summary><c>implicit</c>: every decision Recommend returns on the channel counts as an impression.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ImpressionMode>))]
public enum ImpressionMode { Explicit, Implicit }

[JsonConverter(typeof(SnakeCaseEnumConverter<ChannelStatus>))]
public enum ChannelStatus { Active, Inactive }

/// <summary>The provider behind a channel (SES, Twilio, …) and its settings; never secrets, which belong in a key vault.</summary>
public sealed record ChannelProvider
{
    public string Name { get; set; } = "";
    public Dictionary<string, JsonElement>? Config { get; init; }
}

/// <summary>A delivery mechanism for Creatives; holds Placements.</summary>
public sealed record Channel : CatalogEntity
{
    public string Name { get; set; } = "";
    public string? Description { get; init; }
    public ChannelType? Type { get; init; }
    public DeliveryMode DeliveryMode { get; set; } = DeliveryMode.Api;
    public ImpressionMode ImpressionMode { get; set; } = ImpressionMode.Explicit;
    public ChannelStatus Status { get; set; } = ChannelStatus.Active;
    public ChannelProvider? Provider { get; init; }

    public static readonly CatalogKind<Channel> Kind = new()
    {
        Name = "channel",
        Route = "channels",
        IdPrefix = "ch_",
        Title = "Channel",
        Json = KaireonJson.Default.Channel,
        Validate = static (c, errors) =>
        {
            errors.RequiredText("name", c.Name, 200);
            errors.Text("description", c.Description, 2000);
            if (c.Type is null) errors.Add("type", $"is required: one of {SnakeCaseEnumConverter<ChannelType>.Allowed}.");
            if (c.Provider is { } provider)
            {
                errors.RequiredText("provider.name", provider.Name, 100);
                if (provider.Config?.Count > 100) errors.Add("provider.config", "must have at most 100 settings.");
            }
        },
    };
}
