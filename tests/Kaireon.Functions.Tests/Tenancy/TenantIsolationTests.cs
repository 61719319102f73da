using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Functions.Tests.Catalog;
using static Kaireon.Functions.Tests.Catalog.CatalogSamples;

namespace Kaireon.Functions.Tests.Tenancy;

/// <summary>Tenant B can never read, list, update or delete tenant A's entities: every resource answers 404.</summary>
public sealed class TenantIsolationTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    public static TheoryData<string> Resources => new(Routes);

    [Theory, MemberData(nameof(Resources))]
    public async Task Another_tenants_entity_answers_404_to_every_verb(string route)
    {
        using var owner = (await app.NewTenantAsync()).Admin();
        using var intruder = (await app.NewTenantAsync()).Admin();
        await SeedAsync(owner);
        await SeedAsync(intruder);
        var body = ValidBody(route);
        body["id"] = route == "outcome-types" ? "share" : "owned-1";
        var created = await PostAsync(owner, route, body);
        var id = (string)created["id"]!;
        var change = ValidBody(route);
        change[Change(route).Field] = Change(route).Value.DeepClone();

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/api/v1/{route}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PutAsJsonAsync($"/api/v1/{route}/{id}", change)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.DeleteAsync($"/api/v1/{route}/{id}")).StatusCode);
        var listed = await intruder.GetFromJsonAsync<JsonObject>($"/api/v1/{route}?limit=100");
        Assert.DoesNotContain(listed!["data"]!.AsArray(), e => (string)e!["id"]! == id);

        var untouched = await owner.GetFromJsonAsync<JsonObject>($"/api/v1/{route}/{id}");
        Assert.Equal((string)created["etag"]!, (string)untouched!["etag"]!);
    }

    [Fact]
    public async Task The_same_id_in_two_tenants_is_two_entities()
    {
        var a = (await app.NewTenantAsync()).Admin();
        var b = (await app.NewTenantAsync()).Admin();
        await PostAsync(a, "channels", new JsonObject { ["id"] = "web", ["name"] = "A web", ["type"] = "web" });
        await PostAsync(b, "channels", new JsonObject { ["id"] = "web", ["name"] = "B web", ["type"] = "web" });

        Assert.Equal("A web", (string)(await a.GetFromJsonAsync<JsonObject>("/api/v1/channels/web"))!["name"]!);
        Assert.Equal("B web", (string)(await b.GetFromJsonAsync<JsonObject>("/api/v1/channels/web"))!["name"]!);
    }

    [Fact]
    public async Task Audit_log_and_settings_and_keys_are_per_tenant()
    {
        var a = await app.NewTenantAsync();
        var b = await app.NewTenantAsync();
        using var adminA = a.Admin();
        using var adminB = b.Admin();
        await PostAsync(adminA, "channels", new JsonObject { ["id"] = "only-a", ["name"] = "A", ["type"] = "web" });
        (await adminA.PutAsJsonAsync("/api/v1/settings", new { decisionTraceSampleRate = 0.5 })).EnsureSuccessStatusCode();

        var auditB = await adminB.GetFromJsonAsync<JsonObject>("/api/v1/audit-log?limit=100");
        var settingsB = await adminB.GetFromJsonAsync<JsonObject>("/api/v1/settings");
        var keysB = await adminB.GetFromJsonAsync<JsonObject>("/api/v1/api-keys");

        Assert.DoesNotContain(auditB!["data"]!.AsArray(), e => (string)e!["entityId"]! == "only-a");
        Assert.Equal(0.01, (double)settingsB!["decisionTraceSampleRate"]!);
        Assert.Single(keysB!["data"]!.AsArray());
    }
}
