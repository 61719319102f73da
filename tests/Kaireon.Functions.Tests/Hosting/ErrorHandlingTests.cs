using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.Hosting;

public sealed class ErrorHandlingTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Malformed_json_answers_400_naming_the_position()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var response = await admin.PostAsync("/api/v1/channels", Json("{\"name\": \"Web\",\n \"type\": web}"));
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("line 2", (string)problem!["detail"]!);
        Assert.Equal("BAD_REQUEST", (string)problem["code"]!);
    }

    [Fact]
    public async Task A_wrong_type_or_enum_value_names_the_field()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var type = await (await admin.PostAsync("/api/v1/channels", Json("{\"name\":\"Web\",\"type\":\"carrier_pigeon\"}"))).Content.ReadFromJsonAsync<JsonObject>();
        var number = await (await admin.PostAsync("/api/v1/placements", Json("{\"name\":\"p\",\"channelId\":\"web\",\"slotType\":\"x\",\"maxSlots\":\"many\"}"))).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Contains("must be one of email, sms, web, push, in_app", type!["errors"]!["type"]![0]!.ToString());
        Assert.NotNull(number!["errors"]!["maxSlots"]);
    }

    [Fact]
    public async Task Validation_names_every_bad_field_with_its_limit()
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var body = new JsonObject
        {
            ["name"] = new string('x', 201),
            ["priority"] = 101,
            ["weight"] = -1,
            ["startDate"] = "2026-02-01T00:00:00Z",
            ["endDate"] = "2026-01-01T00:00:00Z",
            ["budget"] = new JsonObject { ["total"] = -5, ["currency"] = "euro" },
        };

        var response = await admin.PostAsJsonAsync("/api/v1/offers", body);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["budget.currency", "budget.total", "categoryId", "endDate", "name", "priority", "weight"], errors.Select(e => e.Key).Order());
        Assert.Contains("between 0 and 100", errors["priority"]![0]!.ToString());
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var response = await admin.PostAsync("/api/v1/channels", Json("{\"name\":\"Web\",\"type\":\"web\",\"colour\":\"blue\",\"etag\":\"forged\"}"));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Null(body!["colour"]);
        Assert.NotEqual("forged", (string)body["etag"]!);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_answers_413_and_writes_nothing()
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var big = "{\"name\":\"Web\",\"type\":\"web\",\"description\":\"" + new string('x', 1024 * 1024) + "\"}";

        var response = await admin.PostAsync("/api/v1/channels", Json(big));
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/channels") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var chunkedResponse = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedResponse.StatusCode);
        Assert.Equal(0, (int)(await admin.GetFromJsonAsync<JsonObject>("/api/v1/channels"))!["pagination"]!["total"]!);
    }

    [Fact]
    public async Task A_non_json_content_type_answers_415()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var response = await admin.PostAsync("/api/v1/channels", new StringContent("name=web", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_routes_answer_404_problem_details()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var response = await admin.GetAsync("/api/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
