using System.Text;
using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.Invocations;

/// <summary>The host payloads from shared/functions-host/fixtures, copied beside these tests.</summary>
internal static class InvocationFixtures
{
    public static string Read(string name) => File.ReadAllText(PathOf(name));

    public static JsonObject Node(string name) => JsonNode.Parse(Read(name))!.AsObject();

    /// <summary>A body as the host posts it: <c>application/json; charset=utf-8</c>.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Invocations", "Fixtures", name);
}
