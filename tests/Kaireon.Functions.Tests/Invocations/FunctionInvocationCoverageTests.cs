using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.Invocations;

/// <summary>Every function the package declares that the host invokes as <c>POST /{Name}</c> has a handler here.</summary>
public sealed class FunctionInvocationCoverageTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private static string[] InvokedNames() =>
        [.. Directory.EnumerateFiles(AppContext.BaseDirectory, "function.json", SearchOption.AllDirectories)
            .Where(f => !IsProxiedHttp(JsonNode.Parse(File.ReadAllText(f))!))
            .Select(f => Path.GetFileName(Path.GetDirectoryName(f)!))];

    public static TheoryData<string> InvokedFunctions => new(InvokedNames().AsEnumerable());

    private static bool IsProxiedHttp(JsonNode function) =>
        function["bindings"]!.AsArray().Select(b => (string)b!["type"]!).Order().SequenceEqual(["http", "httpTrigger"]);

    [Fact]
    public void The_package_declares_the_timer_and_event_hub_functions() =>
        Assert.Equal(["EvaluateTriggers", "ProcessEvents", "PurgeExpiredTraces", "RecomputeBatchMetrics"], InvokedNames().Order());

    [Theory, MemberData(nameof(InvokedFunctions))]
    public async Task Each_invoked_function_answers_an_empty_invocation(string function)
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync($"/{function}", new StringContent("""{"Data":{},"Metadata":{}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Outputs"]);
    }
}
