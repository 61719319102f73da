using Kaireon.Core.Catalog;
using Kaireon.Core.Json;

namespace Kaireon.Core.Tenancy;

/// <summary>A tenant's settings: one document (id <c>settings</c>) per tenant, provisioned with it.</summary>
public sealed record TenantSettings : CatalogEntity
{
    public const string DocumentId = "settings";

    /// <summary>Share of Recommend calls whose decision trace is kept, 0–1.</summary>
    public double DecisionTraceSampleRate { get; set; } = 0.01;

    /// <summary>Days a decision trace is kept before it expires, 1–365.</summary>
    public int TraceRetentionDays { get; set; } = 30;

    /// <summary>
    /// Hosts trigger webhooks may reach although they resolve to loopback, private or link-local
    /// addresses (the SSRF guard refuses those otherwise), e.g. an on-premises receiver.
    /// </summary>
    public List<string>? WebhookAllowedHosts { get; init; }

    public static readonly CatalogKind<TenantSettings> Kind = new()
    {
        Name = "settings",
        Route = "settings",
        IdPrefix = "settings",
        Title = "Settings",
        Json = KaireonJson.Default.TenantSettings,
        Normalize = static s => s with { Id = DocumentId },
        Validate = static (s, errors) =>
        {
            errors.Range("decisionTraceSampleRate", s.DecisionTraceSampleRate, 0, 1);
            errors.Range("traceRetentionDays", s.TraceRetentionDays, 1, 365);
            errors.MaxCount("webhookAllowedHosts", s.WebhookAllowedHosts, 50);
            for (var i = 0; i < (s.WebhookAllowedHosts?.Count ?? 0); i++) errors.RequiredText($"webhookAllowedHosts[{i}]", s.WebhookAllowedHosts![i], 253);
        },
    };
}
