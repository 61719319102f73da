using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Kaireon.Functions.Tests.Invocations.InvocationFixtures;

namespace Kaireon.Functions.Tests.Invocations;

/// <summary>
/// HTTP functions the host sends as envelopes (<c>POST /Api</c>, <c>POST /Respond</c> with <c>Data.req</c>):
/// the inner request runs through the app and comes back as <c>Outputs.res</c> (design §2).
/// </summary>
public sealed class HttpEnvelopeTests(InvocationsApp app) : IClassFixture<InvocationsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Http_invocation_answers_200_json_with_res_statusCode_headers_and_body()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync("/Api", Json(Read("http-invocation.json")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], reply.EnumerateObject().Select(p => p.Name));
        var res = reply.GetProperty("Outputs").GetProperty("res");
        Assert.Equal(JsonValueKind.Number, res.GetProperty("statusCode").ValueKind);
        Assert.All(res.GetProperty("headers").EnumerateObject(), h => Assert.Equal(JsonValueKind.String, h.Value.ValueKind));
        Assert.Equal(JsonValueKind.String, res.GetProperty("body").ValueKind);
    }

    // The envelope runs first in the pipeline, so the inner request gets the same problem body as a
    // direct one; only the per-request traceId differs.
    [Fact]
    public async Task Http_invocation_answers_what_the_same_request_gets_directly()
    {
        using var client = app.CreateClient();
        var req = Node("http-invocation.json")["Data"]!["req"]!;
        using var direct = new HttpRequestMessage(HttpMethod.Post, "/v1/decisions?channel=web&debug=1")
        {
            Content = new StringContent((string)req["Body"]!, null, "application/json"),
        };
        direct.Headers.Add("x-api-key", "kk_test_5b1e0c");
        direct.Headers.Add("Accept", "application/json");

        var expected = await client.SendAsync(direct, Ct);
        var res = await ResAsync(await client.PostAsync("/Api", Json(Read("http-invocation.json")), Ct));

        Assert.Equal(HttpStatusCode.NotFound, expected.StatusCode);
        Assert.Equal((int)expected.StatusCode, res.GetProperty("statusCode").GetInt32());
        Assert.Equal(WithoutTraceId(await expected.Content.ReadAsStringAsync(Ct)), WithoutTraceId(res.GetProperty("body").GetString()!));
    }

    private static string WithoutTraceId(string problem)
    {
        var node = JsonNode.Parse(problem)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }

    [Fact]
    public async Task Envelope_for_GET_health_live_answers_statusCode_200()
    {
        using var client = app.CreateClient();
        var envelope = WithRequest("GET", "http://localhost:7071/health/live");

        var res = await ResAsync(await client.PostAsync("/Api", Json(envelope), Ct));

        Assert.Equal(200, res.GetProperty("statusCode").GetInt32());
        Assert.Equal(await client.GetStringAsync("/health/live", Ct), res.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Envelope_keeps_the_inner_status_headers_and_body_exactly()
    {
        using var client = app.CreateClient();

        var res = await ResAsync(await client.PostAsync("/Api", Json(WithRequest("GET", "http://localhost:7071/test/teapot")), Ct));

        Assert.Equal(418, res.GetProperty("statusCode").GetInt32());
        Assert.Equal("a, b", Header(res, "X-Test"));
        Assert.Equal("text/plain; charset=utf-8", Header(res, "Content-Type"));
        Assert.Null(Header(res, "Content-Length"));
        Assert.Equal("short and stout ☕", res.GetProperty("body").GetString());
    }

    [Fact]
    public async Task Inner_request_has_the_envelopes_method_path_query_headers_and_body()
    {
        using var client = app.CreateClient();
        var envelope = WithRequest("PUT", "http://localhost:7071/test/echo?a=1&a=2&b=x%20y");
        envelope["Data"]!["req"]!["Headers"]!["X-Many"] = new JsonArray("one", "two");
        envelope["Data"]!["req"]!["Body"] = "{\"ü\":1}";
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Api") { Content = Json(envelope) };
        post.Headers.Add("X-Azure-Functions-InvocationId", "3d1f7a52-8c4e-4b7e-a0f1-5e2b9c6d7e81");

        var res = await ResAsync(await client.SendAsync(post, Ct));

        var echo = JsonDocument.Parse(res.GetProperty("body").GetString()!).RootElement;
        Assert.Equal("PUT", echo.GetProperty("method").GetString());
        Assert.Equal("/test/echo", echo.GetProperty("path").GetString());
        Assert.Equal("?a=1&a=2&b=x%20y", echo.GetProperty("query").GetString());
        Assert.Equal("{\"ü\":1}", echo.GetProperty("body").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount("{\"ü\":1}"), echo.GetProperty("contentLength").GetInt32());
        Assert.Equal("Api", echo.GetProperty("envelope").GetString());
        var headers = echo.GetProperty("headers");
        Assert.Equal(["one", "two"], headers.GetProperty("X-Many").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("kaireon-sdk/1.4.0", headers.GetProperty("User-Agent")[0].GetString());
        Assert.Equal("3d1f7a52-8c4e-4b7e-a0f1-5e2b9c6d7e81", headers.GetProperty("X-Azure-Functions-InvocationId")[0].GetString());
    }

    [Fact]
    public async Task Inner_request_is_authenticated_like_a_direct_one()
    {
        using var client = app.CreateClient();
        var anonymous = WithRequest("GET", "http://localhost:7071/api/v1/settings");
        ((JsonObject)anonymous["Data"]!["req"]!["Headers"]!).Remove("x-api-key");
        var withKey = WithRequest("GET", "http://localhost:7071/api/v1/settings");
        withKey["Data"]!["req"]!["Headers"]!["x-api-key"] = new JsonArray(KaireonApp.BootstrapKey);

        var denied = await ResAsync(await client.PostAsync("/Api", Json(anonymous), Ct));
        var allowed = await ResAsync(await client.PostAsync("/Api", Json(withKey), Ct));

        Assert.Equal(401, denied.GetProperty("statusCode").GetInt32());
        Assert.Equal(200, allowed.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task Post_to_Api_that_is_not_an_envelope_passes_through_untouched()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync("/Api", Json("{\"Data\":{\"other\":1}}"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Outputs", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Respond_envelope_adds_outEvents_beside_res()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync("/Respond", Json(Read("respond-with-eventhub-output.json")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.True(JsonNode.DeepEquals(Node("respond-with-eventhub-output.reply.json"), reply), reply.ToJsonString());
    }

    private static JsonObject WithRequest(string method, string url)
    {
        var envelope = Node("http-invocation.json");
        var req = envelope["Data"]!["req"]!.AsObject();
        req["Method"] = method;
        req["Url"] = url;
        if (method is "GET")
        {
            req.Remove("Body");
            req["Headers"]!.AsObject().Remove("Content-Type");
            req["Headers"]!.AsObject().Remove("Content-Length");
        }
        return envelope;
    }

    private static async Task<JsonElement> ResAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return reply.GetProperty("Outputs").GetProperty("res").Clone();
    }

    private static string? Header(JsonElement res, string name) =>
        res.GetProperty("headers").EnumerateObject()
            .Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Value.GetString())
            .FirstOrDefault();
}
