using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.Behaviors;

/// <summary>Behaviours over HTTP: CRUD and its rules, <c>/test</c>, and tracking through <c>POST /events</c> and the stream.</summary>
public sealed class BehaviorEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private const string Route = "/api/v1/behaviors";

    /// <summary>The contract's simple behaviour.</summary>
    private const string CompleteCourse = """{ "verb": "complete_course", "name": "Complete course" }""";

    /// <summary>The page's course-completion rules, as a flexible behaviour of complete_course.</summary>
    private const string HighScore = """
        {
          "id": "high_score_completion",
          "name": "Course 12345 completed with a high score, fast",
          "parentId": "complete_course",
          "conditions": { "all": [
            { "field": "course_id", "operator": "is", "value": 12345 },
            { "field": "score", "operator": "gt", "value": 80 },
            { "field": "completion_time", "operator": "lt", "value": 30 } ] }
        }
        """;

    /// <summary>The page's rate-limit example: one match per unique product_type, all time.</summary>
    private const string PerProductType = """
        {
          "id": "product_purchase",
          "name": "First purchase of each product type",
          "parentId": "purchase",
          "conditions": { "field": "product_type", "operator": "is", "value": "*" },
          "rateLimit": { "field": "product_type", "limit": 1, "period": "all_time" }
        }
        """;

    private static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    private static async Task<JsonObject> CreatedAsync(HttpClient admin, string json)
    {
        var response = await admin.PostAsJsonAsync(Route, Body(json));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<string[]> ErrorKeysAsync(HttpResponseMessage response, HttpStatusCode status) =>
        [.. (await ProblemAsync(response, status))["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal)];

    private async Task<(TestTenant Tenant, HttpClient Admin, HttpClient Runtime)> SetUpAsync()
    {
        var tenant = await app.NewTenantAsync();
        var admin = tenant.Admin();
        await CreatedAsync(admin, CompleteCourse);
        await CreatedAsync(admin, """{ "verb": "purchase", "name": "Purchase" }""");
        return (tenant, admin, await tenant.ClientWithScopesAsync("runtime"));
    }

    [Fact]
    public async Task Simple_and_flexible_behaviours_are_created_read_listed_and_audited()
    {
        var (_, admin, _) = await SetUpAsync();
        var flexible = await CreatedAsync(admin, PerProductType);

        var simple = await admin.GetFromJsonAsync<JsonObject>($"{Route}/complete_course");
        Assert.Equal("complete_course", (string)simple!["verb"]!);
        Assert.Equal("Complete course", (string)simple["name"]!);
        Assert.Equal("product_type", (string)flexible["rateLimit"]!["field"]!);
        Assert.Equal("all_time", (string)flexible["rateLimit"]!["period"]!);
        Assert.Equal("purchase", (string)flexible["parentId"]!);
        Assert.Null(flexible["verb"]);
        var listed = await admin.GetFromJsonAsync<JsonObject>($"{Route}?limit=100");
        Assert.Equal(["complete_course", "product_purchase", "purchase"], listed!["data"]!.AsArray().Select(b => (string)b!["id"]!));

        var renamed = Body(PerProductType);
        renamed["name"] = "Renamed";
        (await admin.PutAsJsonAsync($"{Route}/product_purchase", renamed)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Route}/product_purchase")).StatusCode);

        var audit = await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit-log?entityKind=behavior&limit=100");
        var actions = audit!["data"]!.AsArray().Where(e => (string)e!["entityId"]! == "product_purchase").Select(e => (string)e!["action"]!);
        Assert.Equal(["delete", "update", "create"], actions);
    }

    [Theory]
    [InlineData("""{ "verb": "Complete-Course", "name": "x" }""", "verb")]
    [InlineData("""{ "verb": "watch" }""", "name")]
    [InlineData("""{ "name": "x", "parentId": "complete_course", "conditions": { "all": [ { "field": "score", "operator": "gt", "value": 80 }, { "field": "score", "operator": "bigger", "value": 1 } ] } }""", "conditions.all[1].operator")]
    [InlineData("""{ "name": "x", "parentId": "complete_course", "conditions": { "field": "score", "operator": "gt", "value": "*" } }""", "conditions.value")]
    [InlineData("""{ "name": "x", "parentId": "complete_course", "conditions": { "field": "metadata.score", "operator": "gt", "value": 80 } }""", "conditions.field")]
    [InlineData("""{ "name": "x", "parentId": "complete_course" }""", "conditions")]
    [InlineData("""{ "name": "x", "parentId": "purchase", "conditions": { "field": "product_type", "operator": "is", "value": "enterprise" }, "rateLimit": { "field": "product_type", "limit": 1, "period": "day" } }""", "rateLimit.field")]
    [InlineData("""{ "name": "x", "parentId": "purchase", "conditions": { "field": "product_type", "operator": "is", "value": "*" }, "rateLimit": { "field": "product_type", "limit": 0, "period": "day" } }""", "rateLimit.limit")]
    [InlineData("""{ "name": "x", "parentId": "purchase", "conditions": { "field": "product_type", "operator": "is", "value": "*" }, "rateLimit": { "field": "product_type", "limit": 1, "period": "hourly" } }""", "rateLimit.period")]
    [InlineData("""{ "name": "x", "verb": "buy", "conditions": { "field": "product_type", "operator": "exists" } }""", "conditions")]
    public async Task An_invalid_behaviour_answers_400_naming_the_field(string body, string path)
    {
        var (_, admin, _) = await SetUpAsync();
        Assert.Equal([path], await ErrorKeysAsync(await admin.PostAsJsonAsync(Route, Body(body)), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_parent_that_is_missing_or_flexible_answers_422_naming_parentId()
    {
        var (_, admin, _) = await SetUpAsync();
        await CreatedAsync(admin, HighScore);
        var orphan = Body(HighScore);
        orphan["id"] = "orphan";
        orphan["parentId"] = "no_such_behaviour";
        Assert.Equal(["parentId"], await ErrorKeysAsync(await admin.PostAsJsonAsync(Route, orphan), HttpStatusCode.UnprocessableEntity));
        var grandchild = Body(HighScore);
        grandchild["id"] = "grandchild";
        grandchild["parentId"] = "high_score_completion";
        Assert.Equal(["parentId"], await ErrorKeysAsync(await admin.PostAsJsonAsync(Route, grandchild), HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task A_verb_is_one_simple_behaviour_per_tenant_409()
    {
        var (_, admin, _) = await SetUpAsync();
        var again = await ProblemAsync(await admin.PostAsJsonAsync(Route, Body(CompleteCourse)), HttpStatusCode.Conflict);
        Assert.Contains("complete_course", (string)again["detail"]!);
        var otherId = await ProblemAsync(await admin.PostAsJsonAsync(Route, Body("""{ "id": "bhv_course", "verb": "complete_course", "name": "Again" }""")), HttpStatusCode.Conflict);
        Assert.Contains("complete_course", (string)otherId["detail"]!);
        var moved = await admin.PutAsJsonAsync($"{Route}/purchase", Body("""{ "verb": "complete_course", "name": "Purchase" }"""));
        await ProblemAsync(moved, HttpStatusCode.Conflict);
        // Renaming keeps the verb: no conflict with itself.
        (await admin.PutAsJsonAsync($"{Route}/purchase", Body("""{ "verb": "purchase", "name": "Buy" }"""))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_simple_behaviour_with_flexible_children_cannot_be_deleted_or_made_flexible_409()
    {
        var (_, admin, _) = await SetUpAsync();
        await CreatedAsync(admin, HighScore);
        var deleted = await ProblemAsync(await admin.DeleteAsync($"{Route}/complete_course"), HttpStatusCode.Conflict);
        Assert.Contains("high_score_completion", (string)deleted["detail"]!);
        var madeFlexible = await admin.PutAsJsonAsync($"{Route}/complete_course",
            Body("""{ "name": "x", "parentId": "purchase", "conditions": { "field": "a", "operator": "exists" } }"""));
        Assert.Contains("high_score_completion", (string)(await ProblemAsync(madeFlexible, HttpStatusCode.Conflict))["detail"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Route}/high_score_completion")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Route}/complete_course")).StatusCode);
    }

    [Fact]
    public async Task Test_explains_every_condition_in_the_contracts_shape_without_side_effects()
    {
        var (_, admin, runtime) = await SetUpAsync();
        await CreatedAsync(admin, HighScore);
        var response = await runtime.PostAsJsonAsync($"{Route}/high_score_completion/test", Body("""{ "metadata": { "course_id": 12345, "score": 90 } }"""));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);

        var expected = Body("""
            { "matched": false, "conditions": [
              { "path": "all[0]", "field": "course_id", "operator": "is", "expected": 12345, "actual": 12345, "result": true },
              { "path": "all[1]", "field": "score", "operator": "gt", "expected": 80, "actual": 90, "result": true },
              { "path": "all[2]", "field": "completion_time", "operator": "lt", "expected": 30, "result": false } ] }
            """);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(text)), text);

        var matched = await runtime.PostAsJsonAsync($"{Route}/high_score_completion/test", Body("""{ "metadata": { "course_id": 12345, "score": 90, "completion_time": 25 } }"""));
        Assert.True((bool)(await matched.Content.ReadFromJsonAsync<JsonObject>())!["matched"]!);
        var simple = await runtime.PostAsJsonAsync($"{Route}/complete_course/test", Body("""{ "metadata": {} }"""));
        Assert.True(JsonNode.DeepEquals(Body("""{ "matched": true, "conditions": [] }"""), await simple.Content.ReadFromJsonAsync<JsonNode>()));

        Assert.Equal(["metadata"], await ErrorKeysAsync(await runtime.PostAsJsonAsync($"{Route}/high_score_completion/test", Body("{}")), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NotFound, (await runtime.PostAsJsonAsync($"{Route}/nope/test", Body("""{ "metadata": {} }"""))).StatusCode);
        var activity = await runtime.GetFromJsonAsync<JsonObject>($"{Route}/high_score_completion/activity?customerId=c1");
        Assert.Equal(0, (long)activity!["count"]!);
    }

    [Fact]
    public async Task The_rate_limit_example_tracked_through_events_counts_matches_and_suppressions_once_when_sent_twice()
    {
        var (_, admin, runtime) = await SetUpAsync();
        await CreatedAsync(admin, PerProductType);
        var events = new JsonArray(
            Event("p-1", "purchase", """{ "product_type": "enterprise" }"""),  // matches
            Event("p-2", "purchase", """{ "product_type": "enterprise" }"""),  // exceeds the limit
            Event("p-3", "purchase", """{ "product_type": "business" }"""),    // matches
            Event("p-4", "purchase", """{ "product_type": "business" }"""),    // exceeds the limit
            Event("p-5", "purchase", """{ "sku": 54321 }"""),                    // no product_type: no match
            Event("c-1", "complete_course", """{ "course_id": 12345 }"""));
        (await runtime.PostAsJsonAsync("/api/v1/events", events)).EnsureSuccessStatusCode();
        var again = await runtime.PostAsJsonAsync("/api/v1/events", events.DeepClone());
        Assert.Equal(6, (int)(await again.Content.ReadFromJsonAsync<JsonObject>())!["duplicates"]!);
        await app.WaitForStreamAsync(); // events are applied by the stream; activity reflects it within seconds

        var flexible = await ActivityAsync(runtime, "product_purchase", "c1", a => (long)a["count"]! + (long)a["rateLimitedCount"]! >= 4);
        Assert.Equal("product_purchase", (string)flexible["behaviorId"]!);
        Assert.Equal("c1", (string)flexible["customerId"]!);
        Assert.Equal(2, (long)flexible["count"]!);
        Assert.Equal(2, (long)flexible["rateLimitedCount"]!);
        Assert.Equal(At(3), (DateTimeOffset)flexible["lastTrackedAt"]!);
        var simple = await ActivityAsync(runtime, "purchase", "c1", _ => true);
        Assert.Equal(5, (long)simple["count"]!);
        Assert.Equal(0, (long)simple["rateLimitedCount"]!);
        Assert.Equal(At(5), (DateTimeOffset)simple["lastTrackedAt"]!);
        Assert.Equal(1, (long)(await ActivityAsync(runtime, "complete_course", "c2", _ => true))["count"]!);
        var nobody = await ActivityAsync(runtime, "complete_course", "c3", _ => true);
        Assert.Equal(0, (long)nobody["count"]!);
        Assert.True(nobody.ContainsKey("lastTrackedAt"));
        Assert.Null(nobody["lastTrackedAt"]);

        // Each match is an interaction of its own, in the customer's summaries as outcome key product_purchase.
        // The book is written before the day documents: give the stream a moment to write the matches too.
        long CountOf(JsonObject summary, string key) =>
            summary["rows"]!.AsArray().Where(r => (string?)r!["dimensions"]!["outcome_key"] == key).Sum(r => (long)r!["count"]!);
        JsonObject? summary = null;
        for (var attempt = 0; attempt < 40 && (summary is null || CountOf(summary, "product_purchase") < 2); attempt++)
        {
            if (summary is not null) await Task.Delay(25);
            summary = await runtime.GetFromJsonAsync<JsonObject>("/api/v1/interaction-summaries?definitionId=sd_category_outcomes&window=30d&customerId=c1");
        }
        Assert.Equal(2, CountOf(summary!, "product_purchase"));
        Assert.Equal(5, CountOf(summary!, "purchase"));
    }

    [Fact]
    public async Task Activity_needs_a_customer_and_a_behaviour_of_the_tenant()
    {
        var (_, _, runtime) = await SetUpAsync();
        Assert.Equal(["customerId"], await ErrorKeysAsync(await runtime.GetAsync($"{Route}/purchase/activity"), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NotFound, (await runtime.GetAsync($"{Route}/nope/activity?customerId=c1")).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_behaviours_answer_404_and_its_events_track_nothing_here()
    {
        var (_, ownerAdmin, ownerRuntime) = await SetUpAsync();
        await CreatedAsync(ownerAdmin, PerProductType);
        var intruder = await app.NewTenantAsync();
        using var intruderAdmin = intruder.Admin();
        var intruderRuntime = await intruder.ClientWithScopesAsync("runtime");

        Assert.Equal(HttpStatusCode.NotFound, (await intruderAdmin.GetAsync($"{Route}/product_purchase")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruderAdmin.DeleteAsync($"{Route}/product_purchase")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruderRuntime.PostAsJsonAsync($"{Route}/product_purchase/test", Body("""{ "metadata": {} }"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruderRuntime.GetAsync($"{Route}/product_purchase/activity?customerId=c1")).StatusCode);

        // The intruder has the same verb and flexible behaviour of its own: its events track only its own.
        await CreatedAsync(intruderAdmin, """{ "verb": "purchase", "name": "Purchase" }""");
        await CreatedAsync(intruderAdmin, PerProductType);
        (await intruderRuntime.PostAsJsonAsync("/api/v1/events", new JsonArray(Event("x-1", "purchase", """{ "product_type": "enterprise" }""")))).EnsureSuccessStatusCode();
        var theirs = await ActivityAsync(intruderRuntime, "product_purchase", "c1", a => (long)a["count"]! >= 1);
        Assert.Equal(1, (long)theirs["count"]!);

        (await ownerRuntime.PostAsJsonAsync("/api/v1/events", new JsonArray(Event("o-1", "purchase", """{ "product_type": "enterprise" }""")))).EnsureSuccessStatusCode();
        var ours = await ActivityAsync(ownerRuntime, "product_purchase", "c1", a => (long)a["count"]! >= 1);
        Assert.Equal(1, (long)ours["count"]!);
        Assert.Equal(0, (long)ours["rateLimitedCount"]!);
    }

    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-1);

    private static DateTimeOffset At(int minute) => Start.AddMinutes(minute);

    private static JsonObject Event(string eventId, string type, string metadata)
    {
        var minute = eventId[0] == 'c' ? 10 : int.Parse(eventId[2..], System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["eventId"] = eventId,
            ["customerId"] = eventId[0] == 'c' ? "c2" : "c1",
            ["type"] = type,
            ["timestamp"] = At(minute).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["metadata"] = JsonNode.Parse(metadata),
        };
    }

    /// <summary>The customer's activity once <paramref name="until"/> holds, polling while the stream applies the events (≈ 5 s at most).</summary>
    private static async Task<JsonObject> ActivityAsync(HttpClient client, string behaviorId, string customerId, Func<JsonObject, bool> until)
    {
        JsonObject? activity = null;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            activity = await client.GetFromJsonAsync<JsonObject>($"{Route}/{behaviorId}/activity?customerId={customerId}");
            if (until(activity!)) break;
            await Task.Delay(25);
        }
        return activity!;
    }
}
