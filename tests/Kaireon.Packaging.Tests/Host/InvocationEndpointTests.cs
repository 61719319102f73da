using System.Net;
using System.Text.Json.Nodes;
using Kaireon.Packaging.Tests.Package;

namespace Kaireon.Packaging.Tests.Host;

/// <summary>
/// Every function of the package that the host invokes as <c>POST /&lt;Name&gt;</c> (all but the
/// proxied Api) has an endpoint in the packaged app. The functions are read from the package, so a
/// new function.json without a handler fails here.
/// </summary>
public sealed class InvocationEndpointTests(PublishedPackage package)
{
    /// <summary>A payload of the function's trigger type, under the trigger's binding name.</summary>
    private static JsonObject PayloadFor(FunctionDefinition function)
    {
        var binding = (string)function.Trigger["name"]!;
        switch ((string?)function.Trigger["type"])
        {
            case "timerTrigger":
                return HostPayloads.TimerTick(function.Name, binding);
            case "eventHubTrigger":
                var batch = HostPayloads.EventBatch(1, """{"type":"ping"}""");
                var data = batch["Data"]!.AsObject();
                var events = data["events"]!.DeepClone();
                data.Remove("events");
                data[binding] = events;
                return batch;
            case "httpTrigger":
                var request = HostPayloads.Fixture("http-invocation.json");
                var d = request["Data"]!.AsObject();
                var req = d["req"]!.DeepClone();
                d.Remove("req");
                d[binding] = req;
                return request;
            default:
                return new JsonObject { ["Data"] = new JsonObject(), ["Metadata"] = new JsonObject() };
        }
    }

    [Fact]
    public async Task Every_enveloped_function_of_the_package_answers_its_invocation()
    {
        var invoked = package.Functions.Where(f => !f.IsProxiedHttp).ToList();
        var app = await package.StartAsync(TestContext.Current.CancellationToken);
        using var client = app.CreateClient();

        Assert.NotEmpty(invoked);
        var failures = new List<string>();
        foreach (var function in invoked)
        {
            using var response = await client.SendAsync(HostPayloads.Invocation(function.Name, PayloadFor(function)), TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/json"
                || JsonNode.Parse(body) is not JsonObject reply || reply["Outputs"] is not JsonObject)
            {
                failures.Add($"POST /{function.Name}: {(int)response.StatusCode} {response.Content.Headers.ContentType} {body}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures) + "\n" + app.Output());
    }
}
