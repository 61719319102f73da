using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kaireon.Packaging.Tests.Host;

/// <summary>
/// Requests as the Functions host sends them, built from the payloads recorded in
/// shared/functions-host/fixtures (copied to Fixtures/).
/// </summary>
internal static class HostPayloads
{
    public static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)))!.AsObject();

    /// <summary>An invocation: <c>POST /&lt;Function&gt;</c>, JSON body, the host's invocation headers.</summary>
    public static HttpRequestMessage Invocation(string function, JsonNode body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/" + function)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        AddHostHeaders(request);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Azure-Functions-Host", "4.1037.0"));
        return request;
    }

    /// <summary>A proxied HTTP request: the client's request plus what the host and its proxy add.</summary>
    public static HttpRequestMessage Proxied(HttpMethod method, string pathAndQuery, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        request.Headers.Add("X-API-Key", PackagedApp.ApiKey);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "func-kaireon.azurewebsites.net");
        AddHostHeaders(request);
        return request;
    }

    /// <summary>
    /// The recorded Event Hubs batch (double-encoded, as hosts send it) carrying other bodies, with
    /// sequence numbers and properties aligned to them.
    /// </summary>
    public static JsonObject EventBatch(long firstSequence, params string[] bodies)
    {
        var payload = Fixture("eventhub-many-string-double-encoded.json");
        payload["Data"]!["events"] = JsonSerializer.Serialize(bodies);
        payload["Metadata"]!["SequenceNumberArray"] = JsonSerializer.Serialize(Enumerable.Range(0, bodies.Length).Select(i => firstSequence + i).ToArray());
        payload["Metadata"]!["PartitionKeyArray"] = JsonSerializer.Serialize(bodies.Select(_ => (string?)null).ToArray());
        payload["Metadata"]!["PropertiesArray"] = JsonSerializer.Serialize(bodies.Select(_ => new { }).ToArray());
        return payload;
    }

    /// <summary>The recorded timer tick, for the function and binding name of a function.json.</summary>
    public static JsonObject TimerTick(string function, string binding)
    {
        var payload = Fixture("timer.json");
        var data = payload["Data"]!.AsObject();
        var timer = data["timer"]!.DeepClone();
        data.Remove("timer");
        data[binding] = timer;
        payload["Metadata"]!["sys"]!["MethodName"] = function;
        return payload;
    }

    private static void AddHostHeaders(HttpRequestMessage request)
    {
        var invocationId = Guid.NewGuid().ToString();
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1037.0");
        request.Headers.Add("X-Azure-Functions-InvocationId", invocationId);
        request.Headers.Add("x-ms-invocation-id", invocationId);
    }
}
