namespace Kaireon.Functions.Interactions;

/// <summary>The Event Hubs side of the stream, as the <c>ProcessEvents</c> function sees it.</summary>
public sealed class EventHubsOptions
{
    public const string Section = "Kaireon:Stream:EventHubs";

    public string? FullyQualifiedNamespace { get; set; }
    public string? EventHubName { get; set; }
    public string? ConsumerGroup { get; set; }

    /// <summary>The client id of a user-assigned managed identity; without it the default Azure credential chain is used.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// The tenant of app events that name none (no <c>tenantId</c> in the body or the event's
    /// properties): for a hub that serves one tenant. Without it such events are parked.
    /// </summary>
    public string? DefaultTenantId { get; set; }
}
