using System.Text.Json.Nodes;

namespace Kaireon.Packaging.Tests.Configuration;

/// <summary>
/// local.settings.sample.json (design §10) sets every setting Kaireon and its function.json files
/// read under <c>func start</c>, and nothing else, pointed at the local emulators.
/// </summary>
public sealed class LocalSettingsSampleTests
{
    /// <summary>Keys the code reads that a local.settings.json must not set, and why.</summary>
    private static readonly Dictionary<string, string> NotForTheSample = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "the Functions host sets it for the process it starts",
        ["urls"] = "standalone only: under the host, Kaireon listens where FUNCTIONS_CUSTOMHANDLER_PORT says",
    };

    private static JsonObject Sample =>
        JsonNode.Parse(File.ReadAllText(Repository.PathOf("local.settings.sample.json")))!["Values"]!.AsObject();

    private static HashSet<string> SampleKeys =>
        Sample.Select(v => ConfigurationKeys.FromEnvironmentName(v.Key)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void The_derived_keys_include_the_ones_every_part_of_the_app_reads()
    {
        // Guards the derivation itself: options properties, provider switches, direct reads.
        Assert.Superset(
            new HashSet<string>(["Kaireon:Storage:Provider", "Kaireon:Cosmos:Endpoint", "Kaireon:Bootstrap:TenantName",
                "Kaireon:Stream:EventHubs:EventHubName", "Kaireon:Stream:Local:BatchSize", "APPLICATIONINSIGHTS_CONNECTION_STRING",
                "FUNCTIONS_CUSTOMHANDLER_PORT", "urls"], StringComparer.OrdinalIgnoreCase),
            new HashSet<string>(ConfigurationKeys.All, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_sample_sets_every_setting_the_app_and_its_functions_read()
    {
        var required = ConfigurationKeys.All.Where(k => !NotForTheSample.ContainsKey(k))
            .Concat(FunctionSettings.References.Select(ConfigurationKeys.FromEnvironmentName))
            .Concat(FunctionSettings.Connections)
            .Concat(FunctionSettings.HostSettings);

        var missing = required.Where(k => !SampleKeys.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_sample_holds_nothing_the_app_its_functions_or_the_host_do_not_read()
    {
        var known = new HashSet<string>(ConfigurationKeys.All, StringComparer.OrdinalIgnoreCase);
        known.UnionWith(FunctionSettings.References.Select(ConfigurationKeys.FromEnvironmentName));
        known.UnionWith(FunctionSettings.Connections);
        known.UnionWith(FunctionSettings.HostSettings);

        var unknown = SampleKeys.Where(k => !known.Contains(k) || NotForTheSample.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void The_sample_runs_the_cloud_shape_against_azurite_and_the_emulators()
    {
        var values = Sample;

        Assert.Equal("custom", (string?)values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", (string?)values["AzureWebJobsStorage"]);
        Assert.Equal("Cosmos", (string?)values["Kaireon__Storage__Provider"]);
        Assert.Equal("https://localhost:8081/", (string?)values["Kaireon__Cosmos__Endpoint"]);
        // The Cosmos DB emulator's published well-known key, not a secret.
        Assert.Equal("C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==", (string?)values["Kaireon__Cosmos__Key"]);
        foreach (var connection in FunctionSettings.Connections)
            Assert.Contains("UseDevelopmentEmulator=true", (string?)values[connection], StringComparison.Ordinal);
        Assert.All(values, v => Assert.Equal(System.Text.Json.JsonValueKind.String, v.Value!.GetValueKind()));
    }
}
