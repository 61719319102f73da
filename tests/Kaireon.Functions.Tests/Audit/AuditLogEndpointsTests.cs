using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Kaireon.Functions.Tests.Catalog.CatalogSamples;

namespace Kaireon.Functions.Tests.Audit;

public sealed class AuditLogEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    [Fact]
    public async Task Every_configuration_change_is_logged_with_key_action_and_etags()
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var keyId = (string)(await admin.GetFromJsonAsync<JsonObject>("/api/v1/api-keys"))!["data"]![0]!["id"]!;
        var created = await PostAsync(admin, "channels", new JsonObject { ["id"] = "web", ["name"] = "Web", ["type"] = "web" });
        var replaced = await (await admin.PutAsJsonAsync("/api/v1/channels/web", new { name = "Web 2", type = "web" })).Content.ReadFromJsonAsync<JsonObject>();
        await admin.DeleteAsync("/api/v1/channels/web");
        await admin.PostAsJsonAsync("/api/v1/channels", new { name = "" });

        var log = await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit-log?entityKind=channel&entityId=web");
        var entries = log!["data"]!.AsArray().Select(e => e!.AsObject()).ToList();

        Assert.Equal(["delete", "update", "create"], entries.Select(e => (string)e["action"]!));
        Assert.All(entries, e => Assert.Equal(keyId, (string)e["actor"]!));
        Assert.Equal((string)created["etag"]!, (string)entries[2]["etagAfter"]!);
        Assert.Equal((string)created["etag"]!, (string)entries[1]["etagBefore"]!);
        Assert.Equal((string)replaced!["etag"]!, (string)entries[1]["etagAfter"]!);
        Assert.Equal((string)replaced["etag"]!, (string)entries[0]["etagBefore"]!);
    }

    [Fact]
    public async Task Bad_audit_queries_name_the_field()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var response = await admin.GetAsync("/api/v1/audit-log?from=yesterday&limit=0");
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["from", "limit"], problem!["errors"]!.AsObject().Select(e => e.Key).Order());
    }
}
