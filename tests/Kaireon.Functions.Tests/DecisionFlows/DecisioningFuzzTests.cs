using System.Text;
using System.Text.Json.Nodes;
using static Kaireon.Functions.Tests.DecisionFlows.ConfigApi;

namespace Kaireon.Functions.Tests.DecisionFlows;

/// <summary>
/// Malformed and mistyped bodies to every decisioning write endpoint: none answers 5xx and every
/// rejection is problem+json (the catalog's own fuzz test covers the catalog resources it knows).
/// </summary>
public sealed class DecisioningFuzzTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private static readonly string[] Garbage = ["", "null", "[]", "{", "123", "\"text\"", "{\"config\":", "{\"ruleType\":null}", "{\"ruleType\":[1]}", "{\"config\":{\"nodes\":{}}}"];

    private static readonly JsonNode?[] WrongValues = [null, "", 0, -1, 1e308, true, new JsonArray(), new JsonObject(), new JsonArray(1, "x", null), new string('x', 3000)];

    public static TheoryData<string, string> Bodies() => new()
    {
        { "qualification-rules", """{ "name": "Gate", "ruleType": "metric_condition", "qualification": "soft", "scope": "offer", "scopeId": "o1", "config": { "metricId": "bm_response_rate_30d", "operator": "gte", "threshold": 0.1, "dimensionMapping": {} } }""" },
        { "qualification-rules", """{ "name": "Recent", "ruleType": "recency_check", "config": { "outcome": "click", "withinDays": 7, "mustHave": true, "scope": "any" } }""" },
        { "contact-policies", """{ "name": "Cap", "ruleType": "frequency_cap", "scope": "channel", "scopeId": "web", "config": { "maxPerDay": 1, "channelId": "web", "outcome": "impression" } }""" },
        { "contact-policies", """{ "name": "Hours", "ruleType": "time_window", "config": { "timeZone": "Europe/Berlin", "allowedDays": ["mon"], "startTime": "09:00", "endTime": "17:00" } }""" },
        { "decision-flows", FlowSamples.Full("fuzzed").ToJsonString() },
        { "flow-routes", """{ "channelId": "web", "placement": "hero", "flowKey": "base-flow", "priority": 1 }""" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Mistyped_fields_never_answer_5xx(string route, string valid)
    {
        var (_, admin) = await FlowSamples.TenantAsync(app);
        var bodies = new List<string>(Garbage);
        foreach (var path in Paths(Json(valid), ""))
        {
            foreach (var wrong in WrongValues)
            {
                var mutated = Json(valid);
                Set(mutated, path, wrong?.DeepClone());
                bodies.Add(mutated.ToJsonString());
            }
        }

        foreach (var body in bodies)
        {
            var response = await admin.PostAsync($"/api/v1/{route}", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"POST {route} with {body[..Math.Min(body.Length, 300)]} answered {status}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            if (status >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Mistyped_customer_profiles_never_answer_5xx()
    {
        using var admin = (await app.NewTenantAsync(TestContext.Current.CancellationToken)).Admin();
        var valid = Json("""{ "attributes": { "age": 3, "nested": { "a": [1] } }, "segments": ["vip"] }""");
        var bodies = new List<string>(Garbage);
        foreach (var path in Paths(valid, ""))
        {
            foreach (var wrong in WrongValues)
            {
                var mutated = valid.DeepClone().AsObject();
                Set(mutated, path, wrong?.DeepClone());
                bodies.Add(mutated.ToJsonString());
            }
        }

        foreach (var body in bodies)
        {
            var response = await admin.PutAsync("/api/v1/customers/c1", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            Assert.True((int)response.StatusCode < 500, $"PUT customer with {body} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>Every property path of an object, depth first, with array elements as <c>[i]</c>.</summary>
    private static IEnumerable<string> Paths(JsonNode node, string prefix)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                yield return path;
                if (value is not null) foreach (var child in Paths(value, path)) yield return child;
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var path = $"{prefix}[{i}]";
                yield return path;
                if (array[i] is { } item) foreach (var child in Paths(item, path)) yield return child;
            }
        }
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        JsonNode parent = root;
        var parts = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        for (var i = 0; i < parts.Length - 1; i++) parent = Step(parent, parts[i])!;
        var last = parts[^1];
        if (last.StartsWith('[')) parent.AsArray()[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        else parent.AsObject()[last] = value;
    }

    private static JsonNode? Step(JsonNode node, string part) =>
        part.StartsWith('[') ? node.AsArray()[int.Parse(part[1..^1], System.Globalization.CultureInfo.InvariantCulture)] : node.AsObject()[part];
}
