using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kaireon.Functions.Hosting.Invocations;
using static Kaireon.Functions.Tests.Invocations.InvocationFixtures;

namespace Kaireon.Functions.Tests.Invocations;

/// <summary><c>POST /{FunctionName}</c> as the Functions host calls it for timer and Event Hubs functions (design §2).</summary>
public sealed class FunctionInvocationEndpointsTests(InvocationsApp app) : IClassFixture<InvocationsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> TimerFixtures => new("timer", "timer-no-monitor", "timer-past-due", "timer-past-due-null-status");

    public static TheoryData<string> EventHubFixtures => new("eventhub-many-string-double-encoded", "eventhub-many-string");

    [Theory, MemberData(nameof(TimerFixtures))]
    public async Task Timer_invocation_reaches_the_handler_and_answers_the_fixture_reply(string fixture)
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync("/TestTimer", Json(Read($"{fixture}.json")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.True(JsonNode.DeepEquals(Node($"{fixture}.reply.json"), reply), reply.ToJsonString());

        var sent = Node($"{fixture}.json")["Data"]!["timer"]!;
        var timer = app.Recorder.Last.GetData("timer")!.Value;
        Assert.Equal((bool)sent["IsPastDue"]!, timer.GetProperty("IsPastDue").GetBoolean());
        Assert.Equal(sent["ScheduleStatus"] is null, timer.GetProperty("ScheduleStatus").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Timer_without_monitor_has_a_null_schedule_status()
    {
        using var client = app.CreateClient();

        (await client.PostAsync("/TestTimer", Json(Read("timer-no-monitor.json")), Ct)).EnsureSuccessStatusCode();

        var timer = app.Recorder.Last.GetData("timer")!.Value;
        Assert.Equal(JsonValueKind.Null, timer.GetProperty("ScheduleStatus").ValueKind);
        Assert.False(timer.GetProperty("IsPastDue").GetBoolean());
        Assert.True(timer.GetProperty("Schedule").GetProperty("AdjustForDST").GetBoolean());
    }

    [Theory, MemberData(nameof(EventHubFixtures))]
    public async Task Event_hub_batch_decodes_to_three_bodies_and_aligned_metadata(string fixture)
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync("/TestEvents", Json(Read($"{fixture}.json")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var invocation = app.Recorder.Last;
        var events = invocation.GetData("events", InvocationJsonContext.Default.StringArray)!;
        Assert.Equal(3, events.Length);
        Assert.Equal("complete_course", JsonDocument.Parse(events[0]).RootElement.GetProperty("type").GetString());
        Assert.Equal(87, JsonDocument.Parse(events[0]).RootElement.GetProperty("metadata").GetProperty("score").GetInt32());
        Assert.Equal("c-2002", JsonDocument.Parse(events[1]).RootElement.GetProperty("customerId").GetString());
        Assert.Equal("ping", events[2]);

        Assert.Equal([4711L, 4712L, 4713L], invocation.GetMetadata("SequenceNumberArray", InvocationJsonContext.Default.Int64Array)!);
        Assert.Equal(["c-1001", null, "c-2002"], invocation.GetMetadata("PartitionKeyArray", InvocationJsonContext.Default.StringArray)!);
        Assert.Equal(["8589934592", "8589935104", "8589935616"], invocation.GetMetadata("OffsetArray", InvocationJsonContext.Default.StringArray)!);
        Assert.Equal("2025-03-04T09:15:02.251", invocation.GetMetadata("EnqueuedTimeUtcArray", InvocationJsonContext.Default.StringArray)![0]);
        Assert.Equal("lms", invocation.GetMetadata("PropertiesArray")!.Value[1].GetProperty("source").GetString());
        Assert.Equal("3", invocation.GetMetadata("PartitionContext")!.Value.GetProperty("PartitionId").GetString());
        Assert.Equal("ProcessEvents", invocation.GetMetadata("sys")!.Value.GetProperty("MethodName").GetString());
    }

    [Fact]
    public async Task Reply_has_exactly_Outputs_Logs_and_ReturnValue()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync("/TestEvents", Json(Read("eventhub-many-string-double-encoded.json")), Ct);

        var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], reply.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Object, reply.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, reply.GetProperty("Logs").ValueKind);
        Assert.Equal(JsonValueKind.Null, reply.GetProperty("ReturnValue").ValueKind);
    }

    [Fact]
    public async Task Unknown_function_name_answers_404()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync("/NoSuchFunction", Json(Read("timer.json")), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Throwing_handler_answers_non_2xx_so_the_invocation_fails()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync("/TestThrows", Json(Read("timer.json")), Ct);

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Body_that_is_not_an_envelope_answers_400()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync("/TestTimer", Json("[1,2,3]"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
