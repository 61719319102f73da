using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaireon.Core.Storage;
using Kaireon.Core.Tenancy;
using Kaireon.Functions.Tests.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Kaireon.Functions.Tests.Metrics;

public sealed class BehavioralMetricEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private const string Route = "/api/v1/behavioral-metrics";

    /// <summary>The spec's API example request, verbatim.</summary>
    private const string ApiExample = """
        {
          "name": "Email Impression Count (7d)",
          "description": "Number of email impressions in the last 7 days",
          "aggregateFunction": "count",
          "sourceField": "impressions",
          "groupByDimensions": ["channelId"],
          "windowDays": 7,
          "computeMode": "realtime"
        }
        """;

    /// <summary>The spec's recipe, verbatim.</summary>
    private const string Recipe = """
        {
          "name": "Channel Impression Count (7d)",
          "aggregateFunction": "count",
          "sourceField": "impressions",
          "groupByDimensions": ["channelId"],
          "windowDays": 7,
          "computeMode": "realtime"
        }
        """;

    private static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    private static async Task<JsonObject> CreatedAsync(HttpClient admin, JsonObject body)
    {
        var response = await admin.PostAsJsonAsync(Route, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<string[]> ErrorKeysAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        return [.. JsonNode.Parse(text)!["errors"]!.AsObject().Select(e => e.Key).Order()];
    }

    private static async Task<JsonObject> ValuesAsync(HttpClient client, string metric, string query)
    {
        var response = await client.GetAsync($"{Route}/{metric}/values?{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"values of {metric}?{query}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static decimal? SingleValue(JsonObject values) => (decimal?)Assert.Single(values["values"]!.AsArray())!["value"];

    private async Task<(TestTenant Tenant, HttpClient Admin, HttpClient Runtime)> SetUpAsync()
    {
        var tenant = await app.NewTenantAsync();
        var admin = tenant.Admin();
        await CatalogSamples.SeedAsync(admin);
        await CatalogSamples.PostAsync(admin, "channels", new JsonObject { ["id"] = "email", ["name"] = "Email", ["type"] = "email" });
        return (tenant, admin, await tenant.ClientWithScopesAsync("runtime"));
    }

    [Fact]
    public async Task The_specs_api_example_answers_201_with_the_specs_response_and_is_addressable_by_its_key()
    {
        var (_, admin, runtime) = await SetUpAsync();
        var body = Body(ApiExample);
        body["id"] = "bm_email_impression_7d";

        var created = await CreatedAsync(admin, body);

        Assert.Equal("bm_email_impression_7d", (string)created["id"]!);
        Assert.Equal("Number of email impressions in the last 7 days", (string)created["description"]!);
        Assert.Equal("count", (string)created["aggregateFunction"]!);
        Assert.Equal("impressions", (string)created["sourceField"]!);
        Assert.Equal(["channelId"], created["groupByDimensions"]!.AsArray().Select(d => (string)d!));
        Assert.Equal(7, (int)created["windowDays"]!);
        Assert.Equal("realtime", (string)created["computeMode"]!);
        Assert.Equal(0, (int)created["batchIntervalMin"]!);
        Assert.Equal("active", (string)created["status"]!);
        Assert.NotNull(created["createdAt"]);
        Assert.Equal((string)created["createdAt"]!, (string)created["updatedAt"]!);
        Assert.Equal("pending", (string)created["backfill"]!["state"]!);

        (await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c1", outcome = "impression", channelId = "email", idempotencyKey = "i1" })).EnsureSuccessStatusCode();
        var values = await ValuesAsync(runtime, "email_impression_7d", "customerId=c1");
        Assert.Equal("bm_email_impression_7d", (string)values["metricId"]!);
        Assert.Equal("realtime", (string)values["computeMode"]!);
        var value = Assert.Single(values["values"]!.AsArray())!;
        Assert.Equal("email", (string)value["dimensions"]!["channelId"]!);
        Assert.Equal(1m, (decimal)value["value"]!);
    }

    [Fact]
    public async Task The_specs_recipe_is_accepted_and_a_realtime_metric_counts_a_respond_at_once()
    {
        var (_, admin, runtime) = await SetUpAsync();
        var created = await CreatedAsync(admin, Body(Recipe));
        var id = (string)created["id"]!;
        Assert.StartsWith("bm_", id);

        for (var i = 0; i < 3; i++)
            (await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c1", outcome = "impression", channelId = i < 2 ? "web" : "email", idempotencyKey = $"k{i}" })).EnsureSuccessStatusCode();

        // No waiting for the stream: the values read adds today's interactions the buckets do not hold yet.
        var web = await ValuesAsync(runtime, id, "customerId=c1&channelId=web");
        Assert.Equal(2m, SingleValue(web));
        var all = await ValuesAsync(runtime, id, "customerId=c1");
        Assert.Equal(2, all["values"]!.AsArray().Count);
        var nobody = await ValuesAsync(runtime, id, "customerId=nobody&channelId=web");
        Assert.Equal(0m, SingleValue(nobody));
    }

    public static TheoryData<string, string, string> InvalidFields() => new()
    {
        { "name", "null", "name" },
        { "name", "\"" + new string('n', 101) + "\"", "name" },
        { "description", "\"" + new string('d', 501) + "\"", "description" },
        { "aggregateFunction", "\"median\"", "aggregateFunction" },
        { "aggregateFunction", "null", "aggregateFunction" },
        { "sourceField", "\"clicks\"", "sourceField" },
        { "sourceField", "null", "sourceField" },
        { "windowDays", "0", "windowDays" },
        { "windowDays", "366", "windowDays" },
        { "windowDays", "\"seven\"", "windowDays" },
        { "groupByDimensions", "[\"offerId\", \"channelId\", \"creativeId\"]", "groupByDimensions" },
        { "groupByDimensions", "[\"placementId\"]", "groupByDimensions[0]" },
        { "groupByDimensions", "[\"offerId\", \"offerId\"]", "groupByDimensions[1]" },
        { "filterConditions", "\"channel is email\"", "filterConditions" },
        { "filterConditions", "{ \"field\": \"channelId\", \"operator\": \"like\", \"value\": \"e\" }", "filterConditions.operator" },
        { "filterConditions", "{ \"field\": \"shoeSize\", \"operator\": \"eq\", \"value\": 42 }", "filterConditions.field" },
        { "filterConditions", "{ \"all\": [] }", "filterConditions.all" },
        { "computeMode", "\"hourly\"", "computeMode" },
        { "status", "\"deleted\"", "status" },
        { "ratioDenominator", "\"sideways\"", "ratioDenominator" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Each_invalid_field_answers_400_naming_it_and_creates_nothing(string field, string json, string path)
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var body = Body(ApiExample);
        body[field] = JsonNode.Parse(json);

        Assert.Contains(path, await ErrorKeysAsync(await admin.PostAsJsonAsync(Route, body)));
        var list = await admin.GetFromJsonAsync<JsonObject>(Route);
        Assert.Empty(list!["data"]!.AsArray());
    }

    [Theory]
    [InlineData(null, "batchIntervalMin")]
    [InlineData(4, "batchIntervalMin")]
    [InlineData(1441, "batchIntervalMin")]
    public async Task A_batch_metric_needs_an_interval_of_5_to_1440_minutes(int? interval, string path)
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var body = Body(ApiExample);
        body["computeMode"] = "batch";
        if (interval is { } minutes) body["batchIntervalMin"] = minutes;

        Assert.Equal([path], await ErrorKeysAsync(await admin.PostAsJsonAsync(Route, body)));
    }

    [Fact]
    public async Task Every_bad_field_is_named_in_one_answer_and_realtime_ignores_the_interval()
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        var bad = Body("""{ "name": "", "aggregateFunction": "ratio", "sourceField": "positive", "ratioDenominator": "positive", "windowDays": 400, "groupByDimensions": ["offerId", "offerId"] }""");
        Assert.Equal(["groupByDimensions[1]", "name", "ratioDenominator", "windowDays"], await ErrorKeysAsync(await admin.PostAsJsonAsync(Route, bad)));

        var realtime = Body(ApiExample);
        realtime["batchIntervalMin"] = 3;
        Assert.Equal(0, (int)(await CreatedAsync(admin, realtime))["batchIntervalMin"]!);

        var ratio = Body("""{ "name": "CTR 30d", "aggregateFunction": "ratio", "sourceField": "positive", "windowDays": 30 }""");
        var created = await CreatedAsync(admin, ratio);
        Assert.Equal("impressions", (string)created["ratioDenominator"]!);
        Assert.Null(created["windowDays"] is null ? null : created["groupByDimensions"]!.AsArray().FirstOrDefault());
    }

    [Fact]
    public async Task A_tenant_holds_at_most_20_metrics_and_the_21st_answers_409()
    {
        using var admin = (await app.NewTenantAsync()).Admin();
        for (var i = 0; i < 20; i++)
        {
            var body = Body(Recipe);
            body["id"] = $"bm_{i}";
            await CreatedAsync(admin, body);
        }

        var response = await admin.PostAsJsonAsync(Route, Body(Recipe));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("at most 20", (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Route}/bm_3")).StatusCode);
        await CreatedAsync(admin, Body(Recipe));
    }

    [Fact]
    public async Task Deleting_a_referenced_metric_needs_force_and_the_audit_log_names_the_dependents()
    {
        var tenant = await app.NewTenantAsync();
        using var admin = tenant.Admin();
        var body = Body(Recipe);
        body["id"] = "bm_referenced";
        await CreatedAsync(admin, body);
        // A qualification rule as the Decisioning issue will store it: a catalog document that names the metric in its references.
        await app.Services.GetRequiredService<ICatalogStore>().CreateAsync(new CatalogDocument
        {
            Tenant = TenantId.Parse(tenant.Id), Kind = "qualification_rule", Id = "qr_gate",
            Body = JsonSerializer.SerializeToElement(new { ruleType = "metric_condition" }), Refs = ["behavioral_metric/bm_referenced"],
        }, TestContext.Current.CancellationToken);

        var refused = await admin.DeleteAsync($"{Route}/bm_referenced");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var detail = (string)(await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!;
        Assert.Contains("qualification_rule/qr_gate", detail);
        Assert.Contains("force=true", detail);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Route}/bm_referenced?force=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Route}/bm_referenced")).StatusCode);
        var audit = await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit-log?entityKind=behavioral_metric&entityId=bm_referenced");
        var deletion = audit!["data"]!.AsArray().Single(e => (string)e!["action"]! == "delete");
        Assert.Contains("qualification_rule/qr_gate", (string)deletion!["detail"]!);
    }

    [Fact]
    public async Task Values_are_validated_and_another_tenants_metric_is_not_found()
    {
        var (_, admin, runtime) = await SetUpAsync();
        var id = (string)(await CreatedAsync(admin, Body(Recipe)))["id"]!;

        Assert.Equal(["customerId"], await ErrorKeysAsync(await runtime.GetAsync($"{Route}/{id}/values")));
        Assert.Equal(["offerId"], await ErrorKeysAsync(await runtime.GetAsync($"{Route}/{id}/values?customerId=c1&offerId=o1")));
        Assert.Equal(HttpStatusCode.NotFound, (await runtime.GetAsync($"{Route}/bm_missing/values?customerId=c1")).StatusCode);
        using var stranger = (await app.NewTenantAsync()).Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{Route}/{id}/values?customerId=c1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"{Route}/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_timer_backfills_a_new_metric_and_computes_batch_snapshots_that_serve_until_the_next_run()
    {
        var (tenant, admin, runtime) = await SetUpAsync();
        for (var i = 0; i < 4; i++)
            (await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = $"c{i % 2}", outcome = "click", channelId = "web", idempotencyKey = $"k{i}" })).EnsureSuccessStatusCode();
        await WaitForChangedCustomersAsync(app.Services, tenant.Id, 2);

        var body = Body("""{ "id": "bm_clicks_batch", "name": "Clicks 7d", "aggregateFunction": "count", "sourceField": "positive", "windowDays": 7, "computeMode": "batch", "batchIntervalMin": 60 }""");
        await CreatedAsync(admin, body);
        Assert.Equal(2m, SingleValue(await ValuesAsync(runtime, "bm_clicks_batch", "customerId=c0")));

        await RunTimerAsync();
        var metric = await admin.GetFromJsonAsync<JsonObject>($"{Route}/bm_clicks_batch");
        Assert.Equal("complete", (string)metric!["backfill"]!["state"]!);
        Assert.Equal(2, (long)metric["backfill"]!["processed"]!);
        var snapshot = await ValuesAsync(runtime, "bm_clicks_batch", "customerId=c0");
        Assert.Equal(2m, SingleValue(snapshot));

        // A batch metric serves its snapshot until its interval has passed: a new click is not in it yet.
        (await runtime.PostAsJsonAsync("/api/v1/respond", new { customerId = "c0", outcome = "click", channelId = "web", idempotencyKey = "k-late" })).EnsureSuccessStatusCode();
        await WaitForStreamAsync(runtime, 5);
        await RunTimerAsync();
        var stale = await ValuesAsync(runtime, "bm_clicks_batch", "customerId=c0");
        Assert.Equal(2m, SingleValue(stale));
        Assert.Equal((string)snapshot["computedAt"]!, (string)stale["computedAt"]!);
    }

    private async Task RunTimerAsync()
    {
        using var client = app.CreateClient();
        var response = await client.PostAsync("/RecomputeBatchMetrics",
            new StringContent(Invocations.InvocationFixtures.Read("timer.json"), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Waits until the stream has recorded <paramref name="count"/> changed customers of the tenant:
    /// its last step for a batch, after the customers' day documents and metric books.
    /// </summary>
    internal static async Task WaitForChangedCustomersAsync(IServiceProvider services, string tenant, int count)
    {
        var changes = services.GetRequiredService<Kaireon.Core.Metrics.ChangedCustomers>();
        for (var attempt = 0; attempt < 400; attempt++)
        {
            if ((await changes.SinceAsync(TenantId.Parse(tenant), since: null, TestContext.Current.CancellationToken)).Count >= count) return;
            await Task.Delay(25);
        }
        Assert.Fail($"The stream did not record {count} changed customers of {tenant} within 10 s.");
    }

    /// <summary>
    /// Waits until the stream has folded <paramref name="count"/> interactions of the customer into its
    /// metric book (written after the customer's day documents): the customer's share of a batch is done.
    /// </summary>
    internal static async Task WaitForMetricBookAsync(IServiceProvider services, string tenant, string customerId, int count)
    {
        var customers = services.GetRequiredService<ICustomerStore>();
        var partition = new DocumentPartition(TenantId.Parse(tenant), customerId);
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var book = await customers.FindAsync(partition, Kaireon.Core.Metrics.CustomerMetricBook.DocumentId, TestContext.Current.CancellationToken);
            var folded = book?.Body.Deserialize(Kaireon.Core.Json.KaireonJson.Default.CustomerMetricBook)!.Folded.Values.Sum() ?? 0;
            if (folded >= count) return;
            await Task.Delay(25);
        }
        Assert.Fail($"The stream did not fold {count} interactions of {customerId} of {tenant} within 10 s.");
    }

    /// <summary>Waits until the tenant-wide rollup (written by the stream before customer documents) counts <paramref name="count"/> interactions, then a little for the customers' buckets.</summary>
    internal static async Task WaitForStreamAsync(HttpClient runtime, long count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var summary = await runtime.GetFromJsonAsync<JsonObject>("/api/v1/interaction-summaries?definitionId=sd_offer_interactions&window=30d");
            if ((summary!["rows"] as JsonArray ?? []).Sum(r => (long?)r!["count"] ?? 0) >= count) break;
            await Task.Delay(25);
        }
        await Task.Delay(100);
    }
}
