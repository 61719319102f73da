using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaireon.Functions.Hosting.Invocations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Kaireon.Functions.Tests.Invocations.InvocationFixtures;

namespace Kaireon.Functions.Tests.Invocations;

/// <summary>
/// Where <see cref="FunctionInvocations.UseFunctionEnvelope"/> sits in a pipeline: the inner request
/// gets exactly what the middleware after it answers, and is routed afresh wherever routing ran.
/// </summary>
public sealed class HttpEnvelopePlacementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/missing")]
    [InlineData("GET", "/boom")]
    [InlineData("GET", "/hello")]
    [InlineData("DELETE", "/hello")]
    public async Task Placed_before_error_handling_the_envelope_answers_exactly_what_a_direct_request_gets(string method, string path)
    {
        await using var app = await StartAsync(pipeline =>
        {
            pipeline.UseFunctionEnvelope();
            pipeline.UseExceptionHandler();
            pipeline.UseStatusCodePages();
            pipeline.UseRouting();
        });
        using var client = app.GetTestClient();

        var direct = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        var res = await ResAsync(await client.PostAsync("/Api", Json(Envelope(method, path)), Ct));

        Assert.Equal((int)direct.StatusCode, res.GetProperty("statusCode").GetInt32());
        Assert.Equal(direct.Content.Headers.ContentType?.ToString(), res.GetProperty("headers").GetProperty("Content-Type").GetString());
        Assert.Equal(WithoutTraceId(await direct.Content.ReadAsStringAsync(Ct)), WithoutTraceId(res.GetProperty("body").GetString()!));
    }

    [Fact]
    public async Task Without_an_explicit_UseRouting_the_inner_request_is_still_routed()
    {
        // WebApplication then runs routing first, against "POST /Api".
        await using var app = await StartAsync(pipeline => pipeline.UseFunctionEnvelope());
        using var client = app.GetTestClient();

        var res = await ResAsync(await client.PostAsync("/Api", Json(Envelope("GET", "/hello")), Ct));

        Assert.Equal(200, res.GetProperty("statusCode").GetInt32());
        Assert.Equal("hello", res.GetProperty("body").GetString());
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplication> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails();
        var app = builder.Build();
        configure(app);
        app.MapGet("/hello", () => "hello");
        app.MapGet("/boom", string () => throw new InvalidOperationException("boom"));
        await app.StartAsync(Ct);
        return app;
    }

    private static string Envelope(string method, string path)
    {
        var envelope = Node("http-invocation.json");
        var req = envelope["Data"]!["req"]!.AsObject();
        req["Method"] = method;
        req["Url"] = "http://localhost" + path;
        req.Remove("Body");
        req["Headers"]!.AsObject().Remove("Content-Type");
        req["Headers"]!.AsObject().Remove("Content-Length");
        return envelope.ToJsonString();
    }

    // Problem details carry the request's own trace id, the one thing that must differ.
    private static string WithoutTraceId(string body)
    {
        if (!body.StartsWith('{'))
            return body;
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.NotNull(problem["traceId"]);
        problem.Remove("traceId");
        return problem.ToJsonString();
    }

    private static async Task<JsonElement> ResAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return reply.GetProperty("Outputs").GetProperty("res").Clone();
    }
}
