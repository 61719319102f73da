using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Core.Customers;
using Kaireon.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using static Kaireon.Functions.Tests.DecisionFlows.ConfigApi;

namespace Kaireon.Functions.Tests.Customers;

public sealed class CustomerEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private const string Profile = """{ "attributes": { "age": 34, "country": "DE", "propensityScores": { "cards": 0.82 } }, "segments": ["vip", "gold", "vip"] }""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Put(string id, string body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/customers/{Uri.EscapeDataString(id)}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    [Fact]
    public async Task A_profile_is_created_then_replaced_and_read_with_its_etag()
    {
        var tenant = await app.NewTenantAsync(Ct);
        using var runtime = await tenant.ClientWithScopesAsync("runtime");

        var created = await runtime.SendAsync(Put("CUST 001", Profile), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal("CUST 001", (string)body!["id"]!);
        Assert.Equal(["vip", "gold"], body["segments"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(0.82, (double)body["attributes"]!["propensityScores"]!["cards"]!);
        Assert.Equal(created.Headers.ETag?.ToString(), (string)body["etag"]!);

        var replaced = await runtime.SendAsync(Put("CUST 001", """{ "attributes": { "age": 35 } }""", (string)body["etag"]!), Ct);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var read = await runtime.GetAsync("/api/v1/customers/CUST%20001", Ct);
        var profile = await read.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal(35, (int)profile!["attributes"]!["age"]!);
        Assert.Null(profile["attributes"]!["country"]);
        Assert.Empty(profile["segments"]!.AsArray());
        Assert.Equal((string)body["createdAt"]!, (string)profile["createdAt"]!);
        Assert.Equal(read.Headers.ETag?.ToString(), (string)profile["etag"]!);

        var stored = await app.Services.GetRequiredService<CustomerProfiles>().FindAsync(TenantId.Parse(tenant.Id), "CUST 001", Ct);
        Assert.Equal(35, stored!.Attributes["age"].GetInt32());
    }

    [Fact]
    public async Task A_stale_or_premature_if_match_answers_412_and_changes_nothing()
    {
        using var admin = (await app.NewTenantAsync(Ct)).Admin();
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(Put("c1", Profile, "\"anything\""), Ct)).StatusCode);
        var first = await (await admin.SendAsync(Put("c1", Profile), Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct);
        (await admin.SendAsync(Put("c1", """{ "segments": ["new"] }""", "*"), Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(Put("c1", Profile, (string)first!["etag"]!), Ct)).StatusCode);
        var profile = await admin.GetFromJsonAsync<JsonObject>("/api/v1/customers/c1", Ct);
        Assert.Equal(["new"], profile!["segments"]!.AsArray().Select(s => (string)s!));
    }

    public static TheoryData<string, string> InvalidProfiles() => new()
    {
        { """{ "attributes": [1, 2] }""", "attributes" },
        { """{ "attributes": "tall" }""", "attributes" },
        { """{ "segments": "vip" }""", "segments" },
        { """{ "segments": ["vip", ""] }""", "segments[1]" },
        { """{ "segments": [""" + string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"s{i}\"")) + "] }", "segments" },
        { """{ "attributes": { "blob": """ + "\"" + new string('x', 65 * 1024) + "\"" + " } }", "attributes" },
    };

    [Theory]
    [MemberData(nameof(InvalidProfiles))]
    public async Task An_invalid_profile_answers_400_naming_the_field(string body, string path)
    {
        using var admin = (await app.NewTenantAsync(Ct)).Admin();

        Assert.Contains(path, await ErrorKeysAsync(await admin.SendAsync(Put("c1", body), Ct), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/customers/c1", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_customer_id_longer_than_128_characters_is_refused()
    {
        using var admin = (await app.NewTenantAsync(Ct)).Admin();

        Assert.Equal(["id"], await ErrorKeysAsync(await admin.SendAsync(Put(new string('c', 129), Profile), Ct), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(Put(new string('c', 128), Profile), Ct)).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_customer_answers_404()
    {
        using var owner = (await app.NewTenantAsync(Ct)).Admin();
        using var stranger = (await app.NewTenantAsync(Ct)).Admin();
        (await owner.SendAsync(Put("shared-id", Profile), Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/api/v1/customers/shared-id", Ct)).StatusCode);
        // The same id in another tenant is another customer: creating it leaves the first one alone.
        Assert.Equal(HttpStatusCode.Created, (await stranger.SendAsync(Put("shared-id", """{ "segments": ["other"] }"""), Ct)).StatusCode);
        var mine = await owner.GetFromJsonAsync<JsonObject>("/api/v1/customers/shared-id", Ct);
        Assert.Equal(["vip", "gold"], mine!["segments"]!.AsArray().Select(s => (string)s!));
    }

    [Fact]
    public async Task Scopes_runtime_or_admin_write_and_read_also_reads()
    {
        var tenant = await app.NewTenantAsync(Ct);
        using var admin = tenant.Admin();
        using var reader = await tenant.ClientWithScopesAsync("read");
        (await admin.SendAsync(Put("c1", Profile), Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/customers/c1", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.SendAsync(Put("c1", Profile), Ct)).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/customers/c1", Ct)).StatusCode);
    }
}
