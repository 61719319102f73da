using System.Text.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;

namespace Kaireon.Storage.Cosmos;

/// <summary>
/// A <see cref="CatalogDocument"/> as a <c>catalog</c> item:
/// <c>{ "id": "kind|entityId", "tenantId", "kind", "entityId", "refs": [..], "body": {..} }</c>.
/// </summary>
/// <remarks>The id holds the kind because one id may name entities of two kinds in a tenant.</remarks>
internal static class CatalogItem
{
    public static string Id(string kind, string entityId) => $"{kind}|{entityId}";

    public static MemoryStream Write(CatalogDocument document) => ItemJson.Write(w =>
    {
        w.WriteString("id", Id(document.Kind, document.Id));
        w.WriteString("tenantId", document.Tenant.Value);
        w.WriteString("kind", document.Kind);
        w.WriteString("entityId", document.Id);
        w.WriteStartArray("refs");
        foreach (var reference in document.Refs) w.WriteStringValue(reference);
        w.WriteEndArray();
        w.WritePropertyName("body");
        document.Body.WriteTo(w);
    });

    /// <summary>Reads an item of <paramref name="tenant"/>'s partition; the etag is Cosmos's <c>_etag</c>, quoted.</summary>
    public static CatalogDocument Read(JsonElement item, TenantId tenant) => new()
    {
        Tenant = tenant,
        Kind = item.GetProperty("kind").GetString()!,
        Id = item.GetProperty("entityId").GetString()!,
        Body = item.GetProperty("body").Clone(),
        Refs = [.. item.GetProperty("refs").EnumerateArray().Select(r => r.GetString()!)],
        Etag = item.GetProperty("_etag").GetString()!,
    };
}
