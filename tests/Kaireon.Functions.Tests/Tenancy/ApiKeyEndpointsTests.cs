using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.Tenancy;

public sealed class ApiKeyEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    [Fact]
    public async Task A_created_key_is_shown_once_and_works_as_x_api_key_and_bearer()
    {
        var tenant = await app.NewTenantAsync();
        using var admin = tenant.Admin();

        var create = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "web", scopes = new[] { "read" } });
        var created = (await create.Content.ReadFromJsonAsync<JsonObject>())!;
        var key = (string)created["key"]!;
        var listed = await admin.GetStringAsync("/api/v1/api-keys");
        using var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.StartsWith("krn_", key);
        Assert.DoesNotContain(key, listed);
        Assert.DoesNotContain("hash", listed, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWithKey(key).GetAsync("/api/v1/channels")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/v1/channels")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_fails_at_once()
    {
        var tenant = await app.NewTenantAsync();
        using var admin = tenant.Admin();
        var created = await (await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "temp", scopes = new[] { "admin" } })).Content.ReadFromJsonAsync<JsonObject>();
        using var temp = app.ClientWithKey((string)created!["key"]!);
        Assert.Equal(HttpStatusCode.OK, (await temp.GetAsync("/api/v1/channels")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/api-keys/{created["id"]}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await temp.GetAsync("/api/v1/channels")).StatusCode);
        var keys = await admin.GetFromJsonAsync<JsonObject>("/api/v1/api-keys");
        Assert.Contains(keys!["data"]!.AsArray(), k => (string)k!["id"]! == (string)created["id"]! && (bool)k["revoked"]!);
    }

    [Theory]
    [InlineData("runtime")]
    [InlineData("read")]
    public async Task A_key_without_admin_cannot_change_configuration(string scope)
    {
        var tenant = await app.NewTenantAsync();
        using var client = await tenant.ClientWithScopesAsync(scope);

        var post = await client.PostAsJsonAsync("/api/v1/channels", new { name = "x", type = "web" });
        var settings = await client.PutAsJsonAsync("/api/v1/settings", new { decisionTraceSampleRate = 1 });
        var keys = await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "x", scopes = new[] { "admin" } });

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, keys.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType!.MediaType);
        using var admin = tenant.Admin();
        Assert.Equal(0, (int)(await admin.GetFromJsonAsync<JsonObject>("/api/v1/channels"))!["pagination"]!["total"]!);
    }

    [Fact]
    public async Task Read_keys_read_configuration_and_runtime_keys_do_not()
    {
        var tenant = await app.NewTenantAsync();
        using var read = await tenant.ClientWithScopesAsync("read");
        using var runtime = await tenant.ClientWithScopesAsync("runtime");

        Assert.Equal(HttpStatusCode.OK, (await read.GetAsync("/api/v1/outcome-types")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await runtime.GetAsync("/api/v1/outcome-types")).StatusCode);
    }

    [Fact]
    public async Task Missing_or_unknown_keys_answer_401_with_problem_details()
    {
        using var none = app.CreateClient();
        using var wrong = app.ClientWithKey("krn_not_a_real_key_at_all_000000000000");

        var missing = await none.GetAsync("/api/v1/channels");
        var unknown = await wrong.GetAsync("/api/v1/channels");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var problem = await missing.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("UNAUTHORIZED", (string)problem!["code"]!);
    }

    [Fact]
    public async Task X_tenant_id_must_match_the_keys_tenant()
    {
        var tenant = await app.NewTenantAsync();
        using var matching = tenant.Admin();
        matching.DefaultRequestHeaders.Add("X-Tenant-Id", tenant.Id);
        using var mismatched = tenant.Admin();
        mismatched.DefaultRequestHeaders.Add("X-Tenant-Id", "someone-else");

        Assert.Equal(HttpStatusCode.OK, (await matching.GetAsync("/api/v1/channels")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mismatched.GetAsync("/api/v1/channels")).StatusCode);
    }

    [Fact]
    public async Task Only_platform_keys_create_tenants_and_platform_scope_is_not_issued_per_tenant()
    {
        var tenant = await app.NewTenantAsync();
        using var admin = tenant.Admin();

        var byAdmin = await admin.PostAsJsonAsync("/api/v1/tenants", new { id = "sneaky", name = "Sneaky" });
        var platformKey = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = "p", scopes = new[] { "platform" } });
        using var platform = app.PlatformClient();
        var duplicate = await platform.PostAsJsonAsync("/api/v1/tenants", new { id = tenant.Id, name = "again" });
        var badId = await platform.PostAsJsonAsync("/api/v1/tenants", new { id = "_system", name = "reserved" });

        Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, platformKey.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
    }

    [Fact]
    public async Task A_new_tenant_answers_its_admin_key_once()
    {
        using var platform = app.PlatformClient();

        var response = await platform.PostAsJsonAsync("/api/v1/tenants", new { id = "acme-bank", name = "Acme Bank" });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        using var acme = app.ClientWithKey((string)body!["apiKey"]!);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("acme-bank", (string)body["id"]!);
        Assert.Equal("Acme Bank", (string)body["name"]!);
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync("/api/v1/settings")).StatusCode);
    }
}
