using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.Conditions;

public sealed class ConditionEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private const string Route = "/api/v1/conditions/evaluate";

    /// <summary>The flexible-behaviour page's course completion rule and an event's metadata.</summary>
    private const string CourseCompletion = """
        {
          "condition": { "all": [
            { "field": "course_id", "operator": "is", "value": 12345 },
            { "field": "score", "operator": "gt", "value": 80 },
            { "field": "completion_time", "operator": "lt", "value": 30 }
          ] },
          "data": { "course_id": 12345, "score": 90, "completion_time": 25 }
        }
        """;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body) =>
        client.PostAsync(Route, new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<string[]> ErrorKeysAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        return [.. problem!["errors"]!.AsObject().Select(e => e.Key).Order()];
    }

    [Fact]
    public async Task A_matching_condition_answers_true_with_a_trace_of_every_leaf()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var body = await OkAsync(await PostAsync(admin, CourseCompletion));

        Assert.True((bool)body["result"]!);
        Assert.Equal("""
            [{"path":"all[0]","field":"course_id","operator":"is","expected":12345,"actual":12345,"result":true},{"path":"all[1]","field":"score","operator":"gt","expected":80,"actual":90,"result":true},{"path":"all[2]","field":"completion_time","operator":"lt","expected":30,"actual":25,"result":true}]
            """, body["trace"]!.ToJsonString());
    }

    [Fact]
    public async Task A_missing_field_fails_its_leaf_and_has_no_actual()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var body = await OkAsync(await PostAsync(admin, CourseCompletion.Replace("\"score\": 90, ", "")));

        Assert.False((bool)body["result"]!);
        var leaf = body["trace"]![1]!.AsObject();
        Assert.False((bool)leaf["result"]!);
        Assert.False(leaf.ContainsKey("actual"));
    }

    [Fact]
    public async Task Without_data_fields_are_missing()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var body = await OkAsync(await PostAsync(admin, """{ "condition": { "field": "tier", "operator": "is_not", "value": "gold" } }"""));

        Assert.True((bool)body["result"]!);
    }

    [Theory]
    [InlineData("runtime")]
    [InlineData("read")]
    [InlineData("admin")]
    public async Task Any_scope_may_dry_run_a_condition(string scope)
    {
        var tenant = await app.NewTenantAsync();
        using var client = await tenant.ClientWithScopesAsync(scope);

        Assert.True((bool)(await OkAsync(await PostAsync(client, CourseCompletion)))["result"]!);
    }

    [Fact]
    public async Task Without_a_key_the_answer_is_401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(app.CreateClient(), CourseCompletion)).StatusCode);

    [Fact]
    public async Task An_invalid_node_answers_400_naming_every_path_under_condition()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var response = await PostAsync(admin, """
            { "condition": { "any": [
                { "field": "score", "operator": "gt", "value": "abc" },
                { "field": "tier", "operator": "between", "value": 1 },
                { "all": [] },
                { "field": "product_type", "operator": "contains", "value": "*" }
              ] },
              "data": {} }
            """);

        Assert.Equal(["condition.any[0].value", "condition.any[1].operator", "condition.any[2].all", "condition.any[3].value"],
            await ErrorKeysAsync(response));
    }

    [Theory]
    [InlineData("""{ "data": {} }""", "condition")]
    [InlineData("""{ "condition": null }""", "condition")]
    [InlineData("""[]""", "condition")]
    [InlineData("""{ "condition": [] }""", "condition")]
    [InlineData("""{ "condition": { "field": "x", "operator": "exists" }, "data": [1] }""", "data")]
    public async Task A_missing_condition_or_bad_data_answers_400(string body, string path)
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        Assert.Equal([path], await ErrorKeysAsync(await PostAsync(admin, body)));
    }

    [Fact]
    public async Task Malformed_json_answers_400_problem_details()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var response = await PostAsync(admin, "{ \"condition\": ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_endpoint_is_in_the_openapi_document()
    {
        using var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        Assert.True(document!["paths"]!.AsObject().ContainsKey(Route));
    }
}
