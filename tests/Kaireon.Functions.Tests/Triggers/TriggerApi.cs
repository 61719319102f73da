using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.Triggers;

/// <summary>Requests the trigger tests share: create, send events, and read the audit trail once the stream has written it.</summary>
internal static class TriggerApi
{
    public const string Route = "/api/v1/triggers";

    public static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    public static async Task<JsonObject> CreatedAsync(HttpClient admin, string json)
    {
        var response = await admin.PostAsJsonAsync(Route, Body(json));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<string[]> ErrorKeysAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return [.. JsonNode.Parse(text)!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal)];
    }

    public static JsonObject Event(string eventId, string customerId, string type, DateTimeOffset at, string metadata = "{}") => new()
    {
        ["eventId"] = eventId,
        ["customerId"] = customerId,
        ["type"] = type,
        ["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture),
        ["metadata"] = JsonNode.Parse(metadata),
    };

    public static async Task SendAsync(HttpClient runtime, params JsonObject[] events)
    {
        var response = await runtime.PostAsJsonAsync("/api/v1/events", new JsonArray([.. events.Select(e => e.DeepClone())]));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// How long a poll waits for the stream or the action worker: they take milliseconds, but a test
    /// run shares two cores with every other test class, and a shorter wait (10 s) once ran out in CI.
    /// A poll returns as soon as what it waits for holds, so a long wait only costs a test that fails.
    /// </summary>
    private static readonly TimeSpan PollFor = TimeSpan.FromSeconds(30);

    /// <summary>The trigger's firings and suppressions once at least <paramref name="count"/> are listed (polling while the stream works, <see cref="PollFor"/> at most).</summary>
    public static Task<JsonArray> OutcomesAsync(HttpClient client, string triggerId, int count, string query = "") =>
        PollAsync(client, $"{Route}/{triggerId}/firings?limit=100{query}", data => data.Count >= count);

    /// <summary>The trigger's delivery attempts once <paramref name="until"/> holds (<see cref="PollFor"/> at most).</summary>
    public static Task<JsonArray> DeliveriesAsync(HttpClient client, string triggerId, Func<JsonArray, bool> until) =>
        PollAsync(client, $"{Route}/{triggerId}/deliveries?limit=100", until);

    private static async Task<JsonArray> PollAsync(HttpClient client, string url, Func<JsonArray, bool> until)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonObject>(url);
            var data = page!["data"]!.AsArray();
            if (until(data) || Stopwatch.GetElapsedTime(started) >= PollFor) return data;
            await Task.Delay(25);
        }
    }
}
