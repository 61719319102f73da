using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.Invocations;

/// <summary>
/// host.json and functions/Api/function.json say what design §2 decides, and reach the output root
/// the way the publish folder has them (host.json, Api/function.json beside the executable).
/// </summary>
public sealed class FunctionsHostFilesTests
{
    private static JsonObject Output(params string[] path) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine([AppContext.BaseDirectory, .. path])))!.AsObject();

    [Fact]
    public void Host_json_runs_Kaireon_as_a_custom_handler()
    {
        var host = Output("host.json");

        Assert.Equal("2.0", (string?)host["version"]);
        var handler = host["customHandler"]!.AsObject();
        Assert.Equal("Kaireon.Functions", (string?)handler["description"]!["defaultExecutablePath"]);
        Assert.Empty(handler["description"]!["arguments"]!.AsArray());
        Assert.True((bool)handler["enableForwardingHttpRequest"]!);
        Assert.True((bool)handler["enableProxyingHttpRequest"]!);
        Assert.False(handler.ContainsKey("http"));
        Assert.False(host.ContainsKey("configurationProfile"));
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", (string?)host["extensionBundle"]!["id"]);
        Assert.Equal("[4.*, 5.0.0)", (string?)host["extensionBundle"]!["version"]);
        Assert.Equal("", (string?)host["extensions"]!["http"]!["routePrefix"]);
    }

    [Fact]
    public void Api_function_is_one_anonymous_catch_all_http_trigger_and_one_http_output()
    {
        var bindings = Output("Api", "function.json")["bindings"]!.AsArray();

        Assert.Equal(2, bindings.Count);
        var trigger = bindings.Single(b => (string?)b!["type"] == "httpTrigger")!.AsObject();
        Assert.Equal("in", (string?)trigger["direction"]);
        Assert.Equal("req", (string?)trigger["name"]);
        Assert.Equal("anonymous", (string?)trigger["authLevel"]);
        Assert.Equal("{*path}", (string?)trigger["route"]);
        Assert.False(trigger.ContainsKey("methods"));
        var output = bindings.Single(b => (string?)b!["type"] == "http")!.AsObject();
        Assert.Equal("out", (string?)output["direction"]);
        Assert.Equal("res", (string?)output["name"]);
    }

    [Fact]
    public void Function_json_files_are_not_also_copied_under_functions()
    {
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "functions")));
    }
}
