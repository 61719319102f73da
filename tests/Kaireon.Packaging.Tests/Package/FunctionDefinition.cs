using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kaireon.Packaging.Tests.Package;

/// <summary>One function of a function app folder: <c>&lt;Name&gt;/function.json</c>.</summary>
public sealed partial record FunctionDefinition(string Name, string Path, JsonObject Json)
{
    /// <summary>Every function under <paramref name="folder"/>, found by its function.json, never by a list.</summary>
    public static IReadOnlyList<FunctionDefinition> ReadAll(string folder) =>
        [.. Directory.EnumerateFiles(folder, "function.json", SearchOption.AllDirectories)
            .Select(path => new FunctionDefinition(
                System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path)!),
                path,
                JsonNode.Parse(File.ReadAllText(path))!.AsObject()))
            .OrderBy(f => f.Name, StringComparer.Ordinal)];

    public IReadOnlyList<JsonObject> Bindings => [.. Json["bindings"]!.AsArray().Select(b => b!.AsObject())];

    public JsonObject Trigger => Bindings.Single(b => ((string?)b["type"])?.EndsWith("Trigger", StringComparison.Ordinal) == true);

    /// <summary>
    /// Exactly one httpTrigger in and one http out: the host proxies it as plain HTTP (design §2).
    /// Any other function is invoked as <c>POST /&lt;Name&gt;</c> with an envelope.
    /// </summary>
    public bool IsProxiedHttp => Bindings.Select(b => (string?)b["type"]).Order(StringComparer.Ordinal).SequenceEqual(["http", "httpTrigger"]);

    /// <summary>The app settings the bindings name as <c>%Setting%</c>.</summary>
    public IEnumerable<string> SettingReferences => Bindings
        .SelectMany(b => b.Select(p => p.Value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)p.Value : null))
        .SelectMany(v => v is null ? [] : SettingReference().Matches(v).Select(m => m.Groups[1].Value));

    /// <summary>The connection names of the bindings (<c>"connection": "EventHubConnection"</c>).</summary>
    public IEnumerable<string> Connections => Bindings.Select(b => (string?)b["connection"]).OfType<string>();

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
