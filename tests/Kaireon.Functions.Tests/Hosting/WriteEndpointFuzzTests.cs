using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kaireon.Functions.Tests.Catalog;
using static Kaireon.Functions.Tests.Catalog.CatalogSamples;

namespace Kaireon.Functions.Tests.Hosting;

/// <summary>
/// Posts malformed and boundary bodies to every write endpoint: none answers 5xx, every rejection is
/// problem+json, and a rejected request leaves the tenant's data and audit log exactly as they were.
/// </summary>
public sealed class WriteEndpointFuzzTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private static readonly string[] Garbage =
    [
        "", "null", "[]", "{", "}", "123", "\"text\"", "true", "{\"name\":", "{'name':'single quotes'}",
        "{\"name\":\"x\",}", "{\"name\":\"\\ud800\"}", "{\"name\":1e400}", new string('[', 200) + new string(']', 200),
        "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 80)) + "1" + new string('}', 81),
        "{\"id\":\"" + new string('a', 65) + "\"}", "{\"id\":\"UPPER case\"}", "{\"id\":\"../etc\"}",
    ];

    private static readonly JsonNode?[] WrongValues = [null, "", " ", 0, -1, 1e308, -1e308, true, new JsonArray(), new JsonObject(), new string('x', 5000), "\u0000"];

    public static TheoryData<string> Resources => new(Routes);

    [Theory, MemberData(nameof(Resources))]
    public async Task Malformed_bodies_never_answer_5xx_or_write_anything(string route)
    {
        var tenant = await app.NewTenantAsync();
        using var admin = tenant.Admin();
        await SeedAsync(admin);
        var existing = await PostAsync(admin, route, ValidBody(route));
        var target = $"/api/v1/{route}/{existing["id"]}";
        var before = await SnapshotAsync(admin);
        var random = new Random(4711);

        var bodies = Garbage.Select(g => g).ToList();
        var valid = ValidBody(route);
        foreach (var (field, _) in valid)
        {
            foreach (var wrong in WrongValues)
            {
                var mutated = ValidBody(route);
                mutated[field] = wrong?.DeepClone();
                bodies.Add(mutated.ToJsonString());
            }
        }
        for (var i = 0; i < 20; i++) bodies.Add(Truncate(valid.ToJsonString(), random));

        var accepted = 0;
        foreach (var body in bodies)
        {
            foreach (var (method, path) in new[] { (HttpMethod.Post, $"/api/v1/{route}"), (HttpMethod.Put, target) })
            {
                var response = await admin.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
                var status = (int)response.StatusCode;
                Assert.True(status < 500, $"{method} {path} with {Shorten(body)} answered {status}: {await response.Content.ReadAsStringAsync()}");
                if (status >= 400)
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                else
                    accepted++;
            }
        }

        // Mutations that happen to be valid (an optional field set to null, say) are allowed; what was rejected must not show.
        if (accepted == 0) Assert.Equal(before, await SnapshotAsync(admin));
        var audit = await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit-log?limit=100");
        Assert.Equal(CountIn(before, "audit") + accepted, audit!["pagination"]!["total"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/api/v1/settings", "PUT", "{\"decisionTraceSampleRate\":\"half\"}")]
    [InlineData("/api/v1/settings", "PUT", "{\"traceRetentionDays\":1e10}")]
    [InlineData("/api/v1/api-keys", "POST", "{\"name\":\"k\",\"scopes\":[\"superuser\"]}")]
    [InlineData("/api/v1/api-keys", "POST", "{\"name\":\"k\",\"scopes\":\"admin\"}")]
    [InlineData("/api/v1/api-keys", "POST", "{\"name\":\"\",\"scopes\":[]}")]
    [InlineData("/api/v1/api-keys", "POST", "[")]
    [InlineData("/api/v1/tenants", "POST", "{\"id\":\"Bad Id\",\"name\":\"x\"}")]
    [InlineData("/api/v1/tenants", "POST", "{\"id\":5}")]
    [InlineData("/api/v1/tenants", "POST", "")]
    public async Task Tenancy_endpoints_reject_bad_bodies_with_problem_details(string path, string method, string body)
    {
        using var client = path.EndsWith("tenants", StringComparison.Ordinal) ? app.PlatformClient() : (await app.NewTenantAsync()).Admin();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(100, true)]
    [InlineData(-1, false)]
    [InlineData(101, false)]
    public async Task Offer_priority_boundaries(int priority, bool accepted)
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        await SeedAsync(admin);
        var body = ValidBody("offers");
        body["priority"] = priority;

        var response = await admin.PostAsJsonAsync("/api/v1/offers", body);

        Assert.Equal(accepted ? HttpStatusCode.Created : HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public async Task Client_id_length_boundary(int length, bool accepted)
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/channels", new { id = new string('c', length), name = "Web", type = "web" });

        Assert.Equal(accepted ? HttpStatusCode.Created : HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>Every list of the tenant plus the audit count, as one comparable string.</summary>
    private static async Task<string> SnapshotAsync(HttpClient admin)
    {
        var parts = new List<string>();
        foreach (var route in Routes) parts.Add(await admin.GetStringAsync($"/api/v1/{route}?limit=100"));
        var audit = await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit-log?limit=100");
        parts.Add($"audit={audit!["pagination"]!["total"]}");
        return string.Join("\n", parts);
    }

    private static int CountIn(string snapshot, string name) =>
        int.Parse(snapshot.Split('\n').Last(l => l.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static string Truncate(string json, Random random) => json[..random.Next(1, json.Length - 1)];

    private static string Shorten(string body) => body.Length > 120 ? body[..120] + "…" : body;
}
