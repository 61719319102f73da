using System.ComponentModel.DataAnnotations;

namespace Kaireon.Functions.Triggers;

/// <summary>How trigger actions are delivered: webhook retries (exponential backoff) and timeouts.</summary>
public sealed class TriggerOptions
{
    public const string Section = "Kaireon:Triggers";

    /// <summary>Retries after the first attempt of a webhook that fails with a transient error (5xx, 408, 429, network).</summary>
    [Range(0, 10)] public int WebhookMaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; each next one doubles it (with jitter).</summary>
    [Range(1, 600_000)] public int WebhookBaseDelayMs { get; set; } = 1000;

    [Range(1, 300)] public int WebhookTimeoutSeconds { get; set; } = 10;
}
