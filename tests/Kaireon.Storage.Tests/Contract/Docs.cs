using System.Text.Json;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Core.Validation;

namespace Kaireon.Storage.Tests.Contract;

/// <summary>Test data: fresh tenants (so tests never see each other's data) and small documents.</summary>
internal static class Docs
{
    public static TenantId NewTenant() => TenantId.Parse(EntityId.New("t-"));

    public static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);

    public static CatalogDocument Doc(TenantId tenant, string kind, string id, object? body = null, params string[] refs) => new()
    {
        Tenant = tenant,
        Kind = kind,
        Id = id,
        Body = Json(body ?? new { id, name = $"{kind} {id}" }),
        Refs = refs,
    };

    public static string Name(CatalogDocument? doc) => doc!.Body.GetProperty("name").GetString()!;
}
