using System.Text.Json.Nodes;

namespace Kaireon.Packaging.Tests.Infra;

/// <summary>
/// infra/main.bicep built and linted once by <c>tools/bicep/bicep.sh check</c> (the pinned Bicep CLI
/// from NuGet), with the ARM template it compiles to kept for the tests that read it.
/// </summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kaireon-bicep-").FullName;

    public int ExitCode { get; private set; }

    public string Output { get; private set; } = "";

    /// <summary>The ARM template, serialized: what Azure Resource Manager receives.</summary>
    public string Text { get; private set; } = "";

    public JsonObject Json => JsonNode.Parse(Text)!.AsObject();

    public async ValueTask InitializeAsync()
    {
        var path = Path.Combine(_folder, "main.json");
        var result = await ProcessRunner.RunAsync("bash", [Repository.PathOf("tools", "bicep", "bicep.sh"), "check", path],
            TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        (ExitCode, Output) = (result.ExitCode, result.Output);
        Text = File.Exists(path) ? await File.ReadAllTextAsync(path) : "{}";
    }

    /// <summary>Every resource of the template and of its modules' nested templates.</summary>
    public IReadOnlyList<JsonObject> Resources()
    {
        var found = new List<JsonObject>();
        Collect(Json, found);
        return found;
    }

    public JsonObject Single(string type) => Assert.Single(Resources(), r => (string?)r["type"] == type);

    /// <summary>The nested template of the module that declares a resource of <paramref name="type"/>.</summary>
    public JsonObject ModuleDeclaring(string type) =>
        Resources().Where(r => (string?)r["type"] == "Microsoft.Resources/deployments")
            .Select(d => d["properties"]!["template"]!.AsObject())
            .Single(t => t["resources"]!.AsArray().Any(r => (string?)r!["type"] == type));

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private static void Collect(JsonObject template, List<JsonObject> found)
    {
        foreach (var resource in template["resources"]?.AsArray() ?? [])
        {
            var r = resource!.AsObject();
            found.Add(r);
            if (r["properties"]?["template"] is JsonObject nested) Collect(nested, found);
        }
    }
}
