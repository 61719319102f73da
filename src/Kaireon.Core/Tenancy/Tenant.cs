using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tenancy;

/// <summary>A customer of Kaireon: its own partition of every container, its own keys and settings.</summary>
public sealed record Tenant : CatalogEntity
{
    public string Name { get; set; } = "";

    public static readonly CatalogKind<Tenant> Kind = new()
    {
        Name = "tenant",
        Route = "tenants",
        IdPrefix = "tenant-",
        Title = "Tenant",
        Json = KaireonJson.Default.Tenant,
        Validate = static (t, errors) =>
        {
            if (t.Id is not null && !TenantId.IsValid(t.Id)) errors.Add("id", "must be [a-z0-9_-], 1–64 characters, not starting with _.");
            errors.RequiredText("name", t.Name, 200);
        },
    };
}
