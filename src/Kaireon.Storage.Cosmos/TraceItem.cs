using System.Globalization;
using System.Text.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Storage.Cosmos;

/// <summary>
/// A <see cref="TraceRecord"/> as a <c>traces</c> item:
/// <c>{ "id": "kind|recordId", "tenantId", "kind", "recordId", "at", "body": {..}, "ttl"? }</c>.
/// </summary>
internal static class TraceItem
{
    // Fixed width in UTC, so comparing the strings in a query compares the instants.
    private const string AtFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Id(string kind, string recordId) => $"{kind}|{recordId}";

    public static string At(DateTimeOffset at) => at.UtcDateTime.ToString(AtFormat, CultureInfo.InvariantCulture);

    public static MemoryStream Write(TraceRecord record) => ItemJson.Write(w =>
    {
        w.WriteString("id", Id(record.Kind, record.Id));
        w.WriteString("tenantId", record.Tenant.Value);
        w.WriteString("kind", record.Kind);
        w.WriteString("recordId", record.Id);
        w.WriteString("at", At(record.At));
        w.WritePropertyName("body");
        record.Body.WriteTo(w);
        // Cosmos deletes the item this many seconds after its last write.
        if (record.TimeToLiveSeconds is { } ttl) w.WriteNumber("ttl", ttl);
    });

    public static TraceRecord Read(JsonElement item, TenantId tenant) => new()
    {
        Tenant = tenant,
        Kind = item.GetProperty("kind").GetString()!,
        Id = item.GetProperty("recordId").GetString()!,
        At = DateTimeOffset.ParseExact(item.GetProperty("at").GetString()!, AtFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        Body = item.GetProperty("body").Clone(),
        TimeToLiveSeconds = item.TryGetProperty("ttl", out var ttl) ? ttl.GetInt32() : null,
    };
}
