using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.Interactions;
using Kaireon.Core.Json;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;

namespace Kaireon.Functions.Interactions;

/// <summary>
/// Reads one event body from the stream: Kaireon's own (<c>{ tenantId, interaction }</c>, already
/// resolved) or an app's (<c>{ type, customerId, eventId?, timestamp | occurredAt, metadata, tenantId? }</c>),
/// which is validated and resolved like <c>POST /events</c>. The tenant comes from the body, the
/// event's properties, or the configured default. An app event without an id gets one derived from
/// its content, so a producer's retry of the same event counts once.
/// </summary>
public sealed class StreamBodyReader(InteractionResolvers resolvers, string? defaultTenantId)
{
    private readonly Dictionary<TenantId, InteractionResolver> _resolvers = [];

    public sealed record Result(TenantId? Tenant, StreamEvent? Event, string? Reason, IDictionary<string, string[]>? Errors = null);

    public async Task<Result> ReadAsync(string body, JsonElement? properties, CancellationToken ct)
    {
        // The tenant an unreadable body is parked under: from the event's properties or the configuration.
        var outer = properties is { ValueKind: JsonValueKind.Object } p ? Text(p, "tenantId") : null;
        TenantId? fallback = (outer ?? defaultTenantId) is { } text && TenantId.IsValid(text) ? TenantId.Parse(text) : null;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(Unwrap(body));
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return new Result(fallback, null, "unparseable: the body is not JSON");
        }
        if (root.ValueKind != JsonValueKind.Object) return new Result(fallback, null, "unparseable: the body is not a JSON object");

        var tenantText = Text(root, "tenantId") ?? outer ?? defaultTenantId;
        if (tenantText is null || !TenantId.IsValid(tenantText)) return new Result(null, null, "no tenant: neither the body, the event's properties nor the configuration names a valid one");
        var tenant = TenantId.Parse(tenantText);

        if (root.TryGetProperty("interaction", out _))
        {
            try
            {
                return new Result(tenant, root.Deserialize(KaireonJson.Default.StreamEvent), null);
            }
            catch (JsonException e)
            {
                return new Result(tenant, null, $"invalid: {e.Message}");
            }
        }

        EventRequest? request;
        try
        {
            request = root.Deserialize(InteractionJson.Default.EventRequest);
        }
        catch (JsonException e)
        {
            return new Result(tenant, null, $"invalid: {e.Message}");
        }
        var errors = new ValidationErrors();
        if (!_resolvers.TryGetValue(tenant, out var resolver)) _resolvers[tenant] = resolver = resolvers.For(tenant);
        var interaction = await resolver.ResolveAsync(request!.ToInput(ContentId(tenant, root)), outcomeRequired: false, "", errors, ct);
        return interaction is null
            ? new Result(tenant, null, "invalid: the event does not validate", errors.ToDictionary())
            : new Result(tenant, new StreamEvent(tenant.Value, interaction), null);
    }

    /// <summary>A producer may have sent a JSON string literal holding the JSON (double encoded): undo that once.</summary>
    private static string Unwrap(string body)
    {
        var trimmed = body.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] != '"') return body;
        try
        {
            return JsonSerializer.Deserialize(body, KaireonJson.Default.String) ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static string ContentId(TenantId tenant, JsonElement root) =>
        "evh_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant.Value}\n{root.GetRawText()}")))[..40];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
