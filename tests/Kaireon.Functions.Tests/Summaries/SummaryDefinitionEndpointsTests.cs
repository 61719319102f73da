using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.Summaries;

public sealed class SummaryDefinitionEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private const string Route = "/api/v1/summary-definitions";

    /// <summary>The spec's create example, verbatim.</summary>
    private const string SpecExample = """
        {
          "name": "Creative Placement Performance",
          "description": "Tracks creative performance by placement type and outcome",
          "dimensions": ["creative_id", "placement_type", "outcome_key"],
          "aggregates": ["count", "sum_value", "last_contact"],
          "windows": ["1d", "7d", "30d"]
        }
        """;

    private static JsonObject Example() => JsonNode.Parse(SpecExample)!.AsObject();

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject body) => client.PostAsJsonAsync(Route, body);

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, JsonObject body, EntityTagHeaderValue? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Route) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.IfMatch.Add(ifMatch);
        return client.SendAsync(request);
    }

    private static async Task<JsonObject> CreatedAsync(HttpClient client, JsonObject body)
    {
        var response = await PostAsync(client, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<string[]> ErrorKeysAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        return [.. problem!["errors"]!.AsObject().Select(e => e.Key).Order()];
    }

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(v => (string)v!)];

    [Fact]
    public async Task The_specs_create_example_answers_201_with_the_specs_response_fields()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var response = await admin.PostAsync(Route, new StringContent(SpecExample, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = (string)body["id"]!;
        Assert.StartsWith("sd_", id);
        Assert.Equal($"{Route}/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal((string)body["etag"]!, response.Headers.ETag!.Tag);
        Assert.Equal("Creative Placement Performance", (string)body["name"]!);
        Assert.Equal("Tracks creative performance by placement type and outcome", (string)body["description"]!);
        Assert.Equal(["creative_id", "placement_type", "outcome_key"], Strings(body["dimensions"]));
        Assert.Equal(["count", "sum_value", "last_contact"], Strings(body["aggregates"]));
        Assert.Equal(["1d", "7d", "30d"], Strings(body["windows"]));
        Assert.False((bool)body["isSystemDefault"]!);
        Assert.Equal(TimeSpan.Zero, DateTimeOffset.Parse((string)body["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture).Offset);
        Assert.Equal((string)body["createdAt"]!, (string)body["updatedAt"]!);
        Assert.Null(body["version"]);

        var read = await admin.GetFromJsonAsync<JsonObject>($"{Route}/{id}");
        Assert.Equal(body.ToJsonString(), read!.ToJsonString());
    }

    [Fact]
    public async Task A_client_id_is_kept_and_is_system_default_cannot_be_claimed()
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var body = Example();
        body["id"] = "sd_creative_placement";
        body["isSystemDefault"] = true;

        var created = await CreatedAsync(admin, body);

        Assert.Equal("sd_creative_placement", (string)created["id"]!);
        Assert.False((bool)created["isSystemDefault"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(admin, body)).StatusCode);
    }

    [Fact]
    public async Task Every_tenant_starts_with_the_three_system_defaults_of_the_spec()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var list = await admin.GetFromJsonAsync<JsonObject>(Route);
        var defaults = list!["data"]!.AsArray().Select(d => d!.AsObject()).ToDictionary(d => (string)d["id"]!);

        Assert.Equal(["sd_category_outcomes", "sd_channel_performance", "sd_offer_interactions"], defaults.Keys.Order());
        Assert.Equal(3, (int)list["pagination"]!["total"]!);
        Assert.False((bool)list["pagination"]!["hasMore"]!);
        Assert.All(defaults.Values, d => Assert.True((bool)d["isSystemDefault"]!));

        var offers = defaults["sd_offer_interactions"];
        Assert.Equal("Offer Interactions", (string)offers["name"]!);
        Assert.Equal(["offer_id", "channel_id", "outcome_key"], Strings(offers["dimensions"]));
        Assert.Equal(["count", "sum_value", "last_contact"], Strings(offers["aggregates"]));
        Assert.Equal(["1d", "7d", "30d"], Strings(offers["windows"]));

        var categories = defaults["sd_category_outcomes"];
        Assert.Equal("Category Outcomes", (string)categories["name"]!);
        Assert.Equal(["category_id", "outcome_key"], Strings(categories["dimensions"]));
        Assert.Equal(["count", "sum_value", "distinct_offers"], Strings(categories["aggregates"]));
        Assert.Equal(["7d", "30d", "90d"], Strings(categories["windows"]));

        var channels = defaults["sd_channel_performance"];
        Assert.Equal("Channel Performance", (string)channels["name"]!);
        Assert.Equal(["channel_id", "direction", "outcome_key"], Strings(channels["dimensions"]));
        Assert.Equal(["count", "sum_value", "last_contact"], Strings(channels["aggregates"]));
        Assert.Equal(["1d", "7d", "30d"], Strings(channels["windows"]));
    }

    [Fact]
    public async Task A_system_default_cannot_be_deleted_but_can_be_modified()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var delete = await admin.DeleteAsync($"{Route}?id=sd_offer_interactions");
        var problem = await delete.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal("CONFLICT", (string)problem!["code"]!);
        Assert.Contains("system default", (string)problem["detail"]!);

        var current = await admin.GetAsync($"{Route}/sd_offer_interactions");
        var changed = (await current.Content.ReadFromJsonAsync<JsonObject>())!;
        changed["dimensions"] = new JsonArray("offer_id", "outcome_key");
        changed["windows"] = new JsonArray("7d", "14d");
        changed["isSystemDefault"] = false;
        var put = await PutAsync(admin, changed, current.Headers.ETag);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await admin.GetFromJsonAsync<JsonObject>($"{Route}/sd_offer_interactions");
        Assert.Equal(["offer_id", "outcome_key"], Strings(after!["dimensions"]));
        Assert.Equal(["7d", "14d"], Strings(after["windows"]));
        Assert.True((bool)after["isSystemDefault"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"{Route}?id=sd_offer_interactions")).StatusCode);
    }

    [Fact]
    public async Task Put_replaces_by_the_id_in_the_body_and_honours_if_match()
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var created = await CreatedAsync(admin, Example());
        var id = (string)created["id"]!;
        var stale = EntityTagHeaderValue.Parse((string)created["etag"]!);

        var changed = Example();
        changed["id"] = id;
        changed["aggregates"] = new JsonArray("count", "distinct_offers");
        var put = await PutAsync(admin, changed, stale);
        var again = await PutAsync(admin, changed, stale);
        var staleDelete = new HttpRequestMessage(HttpMethod.Delete, $"{Route}?id={id}");
        staleDelete.Headers.IfMatch.Add(stale);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = (await put.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["count", "distinct_offers"], Strings(after["aggregates"]));
        Assert.Equal((string)created["createdAt"]!, (string)after["createdAt"]!);
        Assert.Equal((string)after["etag"]!, put.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, again.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(staleDelete)).StatusCode);
    }

    [Fact]
    public async Task Delete_by_query_id_answers_204_then_404()
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var id = (string)(await CreatedAsync(admin, Example()))["id"]!;

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Route}?id={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Route}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"{Route}?id={id}")).StatusCode);
    }

    [Fact]
    public async Task Put_without_an_id_answers_400_naming_id()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        Assert.Equal(["id"], await ErrorKeysAsync(await PutAsync(admin, Example())));
        var alsoInvalid = Example();
        alsoInvalid["windows"] = new JsonArray();
        Assert.Equal(["id", "windows"], await ErrorKeysAsync(await PutAsync(admin, alsoInvalid)));
    }

    [Fact]
    public async Task Put_of_an_unknown_id_answers_404()
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var body = Example();
        body["id"] = "sd_nope";

        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(admin, body)).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?id=")]
    public async Task Delete_without_an_id_answers_400_naming_id(string query)
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        Assert.Equal(["id"], await ErrorKeysAsync(await admin.DeleteAsync(Route + query)));
    }

    [Theory]
    [InlineData("dimensions", "offer_id,bogus", "dimensions[1]", "offer_id, creative_id, category_id, sub_category_id, channel_id, placement_type, direction, outcome_key")]
    [InlineData("aggregates", "average", "aggregates[0]", "count, sum_value, last_contact, distinct_offers")]
    [InlineData("windows", "7d,2w", "windows[1]", "1d, 7d, 14d, 30d, 90d")]
    public async Task An_unknown_value_answers_400_naming_the_field_and_the_allowed_values(string field, string values, string path, string allowed)
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var body = Example();
        body[field] = new JsonArray([.. values.Split(',').Select(v => JsonValue.Create(v))]);

        var post = await PostAsync(admin, body);
        body["id"] = "sd_offer_interactions";
        var put = await PutAsync(admin, body);

        foreach (var response in new[] { post, put })
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"must be one of {allowed}", (string)problem!["errors"]![path]![0]!);
        }
    }

    [Theory]
    [InlineData("dimensions")]
    [InlineData("aggregates")]
    [InlineData("windows")]
    public async Task An_empty_or_missing_list_answers_400_naming_it(string field)
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var empty = Example();
        empty[field] = new JsonArray();
        var missing = Example();
        missing.Remove(field);

        Assert.Equal([field], await ErrorKeysAsync(await PostAsync(admin, empty)));
        Assert.Equal([field], await ErrorKeysAsync(await PostAsync(admin, missing)));
    }

    [Theory]
    [InlineData("dimensions", "outcome_key", "dimensions[3]")]
    [InlineData("aggregates", "count", "aggregates[3]")]
    [InlineData("windows", "1d", "windows[3]")]
    public async Task A_duplicate_in_a_list_answers_400_naming_it(string field, string repeated, string path)
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var body = Example();
        body[field]!.AsArray().Add(repeated);

        Assert.Equal([path], await ErrorKeysAsync(await PostAsync(admin, body)));
    }

    [Theory]
    [InlineData("name", 101)]
    [InlineData("name", 0)]
    [InlineData("description", 501)]
    public async Task Text_out_of_bounds_answers_400_naming_it(string field, int length)
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var body = Example();
        body[field] = new string('x', length);

        Assert.Equal([field], await ErrorKeysAsync(await PostAsync(admin, body)));
    }

    [Fact]
    public async Task Text_at_the_bounds_is_accepted()
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var body = Example();
        body["name"] = new string('x', 100);
        body["description"] = new string('x', 500);

        await CreatedAsync(admin, body);
    }

    [Fact]
    public async Task Another_tenants_definition_answers_404_for_get_put_and_delete()
    {
        using var owner = (await app.NewTenantAsync()).Admin();
        using var other = (await app.NewTenantAsync()).Admin();
        var id = (string)(await CreatedAsync(owner, Example()))["id"]!;
        var body = Example();
        body["id"] = id;
        body["name"] = "Hijacked";

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Route}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PutAsync(other, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"{Route}?id={id}")).StatusCode);
        var list = await other.GetFromJsonAsync<JsonObject>($"{Route}?limit=100");
        Assert.DoesNotContain(list!["data"]!.AsArray(), d => (string)d!["id"]! == id);

        var mine = await owner.GetFromJsonAsync<JsonObject>($"{Route}/{id}");
        Assert.Equal("Creative Placement Performance", (string)mine!["name"]!);
    }

    [Fact]
    public async Task Lists_page_with_limit_and_cursor()
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        for (var i = 0; i < 3; i++)
        {
            var body = Example();
            body["id"] = $"sd_custom_{i}";
            await CreatedAsync(admin, body);
        }

        var first = await admin.GetFromJsonAsync<JsonObject>($"{Route}?limit=4");
        var second = await admin.GetFromJsonAsync<JsonObject>($"{Route}?limit=4&cursor={(string)first!["pagination"]!["cursor"]!}");

        var ids = new[] { first, second }.SelectMany(p => p!["data"]!.AsArray().Select(e => (string)e!["id"]!)).ToList();
        Assert.Equal(6, ids.Distinct().Count());
        Assert.Equal(6, (int)first["pagination"]!["total"]!);
        Assert.True((bool)first["pagination"]!["hasMore"]!);
        Assert.False((bool)second!["pagination"]!["hasMore"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"{Route}?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"{Route}?cursor=bogus!")).StatusCode);
    }

    [Fact]
    public async Task Reads_take_a_read_key_and_writes_an_admin_key()
    {
        var tenant = await app.NewTenantAsync();
        using var reader = await tenant.ClientWithScopesAsync("read");
        using var runtime = await tenant.ClientWithScopesAsync("runtime");
        var body = Example();
        body["id"] = "sd_offer_interactions";

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(Route)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"{Route}/sd_offer_interactions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(reader, Example())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(reader, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync($"{Route}?id=sd_offer_interactions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await runtime.GetAsync(Route)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(Route)).StatusCode);
    }
}
