using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kaireon.Functions.Tests.Catalog;

namespace Kaireon.Functions.Tests.Metrics;

/// <summary>
/// Every function × window × grouping × filter, through the whole stack (events API, stream,
/// buckets, values API), against a reference computed here from the raw events that were sent.
/// </summary>
public sealed class MetricValuesExactnessTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private sealed record SentEvent(string Customer, string Type, DateOnly Day, string? OfferId, string ChannelId, decimal? Value);

    private static readonly Dictionary<string, string> Categories = new()
    {
        ["impression"] = "impressions", ["click"] = "positive", ["convert"] = "converts", ["dismiss"] = "negative", ["view"] = "neutral",
    };

    private static readonly string[] Functions = ["count", "sum", "avg", "min", "max", "ratio"];
    private static readonly int?[] Windows = [1, 7, 30, 365, null];
    private static readonly string[][] Groupings = [[], ["channelId"], ["offerId", "outcomeType"]];

    /// <summary>Only email interactions count under the filter.</summary>
    private static readonly JsonObject EmailOnly = new() { ["field"] = "channelId", ["operator"] = "eq", ["value"] = "email" };

    private static List<SentEvent> Generate(int seed, string[] customers, int count, DateOnly today)
    {
        var random = new Random(seed);
        string[] types = ["impression", "click", "convert", "dismiss", "view", "impression"];
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var type = types[random.Next(types.Length)];
            return new SentEvent(customers[random.Next(customers.Length)], type, today.AddDays(-random.Next(400)),
                random.Next(4) == 0 ? null : $"o{1 + random.Next(2)}", random.Next(2) == 0 ? "web" : "email",
                type == "convert" ? Math.Round((decimal)random.NextDouble() * 300, 2) : null);
        })];
    }

    private static bool Carries(string source, SentEvent e) => source switch
    {
        "totalValue" => e.Value is not null,
        "positive" => e.Type is "click" or "convert",
        _ => Categories[e.Type] == source,
    };

    private static decimal FieldValue(string source, SentEvent e) => source == "totalValue" ? e.Value!.Value : 1;

    private static Dictionary<string, decimal?> Reference(
        IEnumerable<SentEvent> events, string customer, string function, string source, int? window, string[] grouping, bool emailOnly, DateOnly today)
    {
        var first = window is { } w ? today.AddDays(1 - w) : DateOnly.MinValue;
        var relevant = events.Where(e => e.Customer == customer && e.Day >= first && (!emailOnly || e.ChannelId == "email")
            && (Carries(source, e) || (function == "ratio" && Carries("impressions", e))));
        var result = new Dictionary<string, decimal?>();
        foreach (var group in relevant.GroupBy(e => string.Join('|', grouping.Select(d => d switch { "channelId" => e.ChannelId, "offerId" => e.OfferId ?? "", _ => e.Type }))))
        {
            var values = group.Where(e => Carries(source, e)).Select(e => FieldValue(source, e)).ToList();
            var impressions = group.Count(e => Carries("impressions", e));
            result[group.Key] = function switch
            {
                "count" => values.Count,
                "sum" => values.Sum(),
                "avg" => values.Count == 0 ? null : values.Sum() / values.Count,
                "min" => values.Count == 0 ? null : values.Min(),
                "max" => values.Count == 0 ? null : values.Max(),
                _ => impressions == 0 ? null : values.Sum() / impressions,
            };
        }
        if (grouping.Length == 0 && result.Count == 0) result[""] = function is "count" or "sum" ? 0 : null;
        return result;
    }

    private static Dictionary<string, decimal?> Actual(JsonObject values, string[] grouping) =>
        values["values"]!.AsArray().ToDictionary(
            v => string.Join('|', grouping.Select(d => (string?)v!["dimensions"]![d] ?? "")),
            v => (decimal?)v!["value"]);

    private static IEnumerable<(string Function, string Source, int? Window, string[] Grouping, bool EmailOnly)> Matrix(bool withFilters) =>
        from function in Functions
        from window in Windows
        from grouping in Groupings
        from emailOnly in withFilters ? new[] { false, true } : [false]
        select (function, function is "count" or "ratio" ? "positive" : "totalValue", window, grouping, emailOnly);

    private static JsonObject MetricBody(string id, (string Function, string Source, int? Window, string[] Grouping, bool EmailOnly) m)
    {
        var body = new JsonObject
        {
            ["id"] = id,
            ["name"] = id,
            ["aggregateFunction"] = m.Function,
            ["sourceField"] = m.Source,
            ["windowDays"] = m.Window,
            ["groupByDimensions"] = new JsonArray([.. m.Grouping.Select(g => (JsonNode)g)]),
        };
        if (m.EmailOnly) body["filterConditions"] = EmailOnly.DeepClone();
        return body;
    }

    private async Task<(HttpClient Admin, HttpClient Runtime)> SetUpAsync()
    {
        var tenant = await app.NewTenantAsync();
        var admin = tenant.Admin();
        await CatalogSamples.SeedAsync(admin);
        await CatalogSamples.PostAsync(admin, "channels", new JsonObject { ["id"] = "email", ["name"] = "Email", ["type"] = "email" });
        await CatalogSamples.PostAsync(admin, "offers", new JsonObject { ["id"] = "o2", ["name"] = "Second", ["categoryId"] = "cards", ["subCategoryId"] = "gold", ["customFields"] = new JsonObject { ["annualFee"] = 0 } });
        return (admin, await tenant.ClientWithScopesAsync("runtime"));
    }

    private static async Task SendAsync(HttpClient runtime, IReadOnlyList<SentEvent> events, string prefix, bool resent = false)
    {
        foreach (var chunk in events.Select((e, i) => (e, i)).Chunk(500))
        {
            var batch = new JsonArray([.. chunk.Select(x => (JsonNode)new JsonObject
            {
                ["eventId"] = $"{prefix}-{x.i}",
                ["customerId"] = x.e.Customer,
                ["type"] = x.e.Type,
                ["timestamp"] = new DateTimeOffset(x.e.Day.ToDateTime(new TimeOnly(0, 30)), TimeSpan.Zero),
                ["offerId"] = x.e.OfferId,
                ["channelId"] = x.e.ChannelId,
                ["value"] = x.e.Value,
            })]);
            var response = await runtime.PostAsJsonAsync("/api/v1/events", batch);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
            Assert.Equal(chunk.Length, (int)JsonNode.Parse(text)![resent ? "duplicates" : "accepted"]!);
        }
    }

    /// <param name="settle">
    /// How long to let the stream catch up: past-day events reach a maintained book through the
    /// stream, within seconds (on a loaded machine, more); a read never has to wait otherwise.
    /// </param>
    private static async Task AssertExactAsync(
        HttpClient runtime, IReadOnlyList<SentEvent> events, string[] customers, string id,
        (string Function, string Source, int? Window, string[] Grouping, bool EmailOnly) m, DateOnly today, TimeSpan settle = default)
    {
        var deadline = DateTime.UtcNow + settle;
        foreach (var customer in customers)
        {
            var expected = Reference(events, customer, m.Function, m.Source, m.Window, m.Grouping, m.EmailOnly, today);
            string text;
            bool exact;
            do
            {
                var response = await runtime.GetAsync($"/api/v1/behavioral-metrics/{id}/values?customerId={customer}");
                text = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, text);
                exact = expected.OrderBy(p => p.Key).SequenceEqual(Actual(JsonNode.Parse(text)!.AsObject(), m.Grouping).OrderBy(p => p.Key));
                if (!exact && DateTime.UtcNow < deadline) await Task.Delay(100);
            }
            while (!exact && DateTime.UtcNow < deadline);
            Assert.True(exact,
                $"{m.Function}({m.Source}) window {m.Window?.ToString() ?? "all"} by [{string.Join(",", m.Grouping)}] email only {m.EmailOnly}, {customer}: " +
                $"expected {string.Join("; ", expected.OrderBy(p => p.Key))} got {text}");
        }
    }

    [Fact]
    public async Task Metrics_created_after_the_history_are_exact_for_every_function_window_grouping_and_filter()
    {
        var (admin, runtime) = await SetUpAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string[] customers = ["c1", "c2"];
        var events = Generate(seed: 11, customers, count: 700, today);
        await SendAsync(runtime, events, "h");
        await app.WaitForStreamAsync(); // the history is stored once the stream has applied the events

        var matrix = Matrix(withFilters: true).ToList();
        foreach (var chunk in matrix.Select((m, i) => (m, i)).Chunk(20))
        {
            foreach (var (m, i) in chunk) (await admin.PostAsJsonAsync("/api/v1/behavioral-metrics", MetricBody($"bm_{i}", m))).EnsureSuccessStatusCode();
            foreach (var (m, i) in chunk) await AssertExactAsync(runtime, events, customers, $"bm_{i}", m, today);
            foreach (var (_, i) in chunk) (await admin.DeleteAsync($"/api/v1/behavioral-metrics/bm_{i}")).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Metrics_maintained_by_the_stream_are_exact_after_redelivered_and_late_events()
    {
        var (admin, runtime) = await SetUpAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string[] customers = ["s1", "s2", "s3"];
        var matrix = Matrix(withFilters: true).Where((_, i) => i % 9 == 0).Take(20).ToList();
        for (var i = 0; i < matrix.Count; i++) (await admin.PostAsJsonAsync("/api/v1/behavioral-metrics", MetricBody($"bm_{i}", matrix[i]))).EnsureSuccessStatusCode();

        var events = Generate(seed: 12, customers, count: 600, today);
        await SendAsync(runtime, events, "s");
        await SendAsync(runtime, events.Take(200).ToList(), "s", resent: true); // the same event ids again: duplicates, counted once
        // The tenant rollup is written before the customers' documents and buckets; then a moment for those.
        await BehavioralMetricEndpointsTests.WaitForStreamAsync(runtime, events.Count(e => e.Day >= today.AddDays(-29)));

        for (var i = 0; i < matrix.Count; i++) await AssertExactAsync(runtime, events, customers, $"bm_{i}", matrix[i], today, settle: TimeSpan.FromSeconds(20));
    }
}
