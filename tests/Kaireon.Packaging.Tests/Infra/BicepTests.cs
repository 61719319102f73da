using System.Reflection;
using System.Text.Json.Nodes;
using Kaireon.Packaging.Tests.Configuration;
using Kaireon.Storage.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Kaireon.Packaging.Tests.Infra;

/// <summary>infra/main.bicep is clean for the Bicep CLI and provisions what design §11 and the app need.</summary>
public sealed class BicepTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    /// <summary>The built-in roles design §11 grants the app's identity (ids from Azure's built-in role list).</summary>
    public static TheoryData<string, string> BuiltInRoles => new()
    {
        { "Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b" },
        { "Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88" },
        { "Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3" },
        { "Azure Event Hubs Data Receiver", "a638d3c7-ab3a-418d-83e6-5f17a39d4fde" },
        { "Azure Event Hubs Data Sender", "2b629674-e913-4c01-ae53-ef4638d8f975" },
        { "Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb" },
        { "Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6" },
        { "Cosmos DB Built-in Data Contributor (data plane)", "00000000-0000-0000-0000-000000000002" },
    };

    /// <summary>Kaireon settings the cloud shape must set: without them it would start on SQLite or fail validation.</summary>
    private static readonly string[] CloudSettings =
    [
        "Kaireon:Storage:Provider", "Kaireon:Cosmos:Endpoint", "Kaireon:Cosmos:Database", "Kaireon:Cosmos:ClientId",
        "Kaireon:Stream:Provider", "Kaireon:Stream:EventHubs:FullyQualifiedNamespace", "Kaireon:Stream:EventHubs:EventHubName",
        "Kaireon:Stream:EventHubs:ConsumerGroup", "Kaireon:Stream:EventHubs:ClientId", "Kaireon:Security:ApiKeyPepper",
        "Kaireon:Bootstrap:ApiKey",
    ];

    private Dictionary<string, string> AppSettings =>
        template.Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Bicep_build_and_lint_report_no_error_and_no_warning()
    {
        Assert.True(template.ExitCode == 0, template.Output);
        Assert.DoesNotContain(": Warning ", template.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(": Error ", template.Output, StringComparison.Ordinal);
        Assert.Contains("builds and lints clean", template.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_provisions_every_resource_of_design_11()
    {
        var types = template.Resources().Select(r => (string)r["type"]!).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Superset(new HashSet<string>(
        [
            "Microsoft.ManagedIdentity/userAssignedIdentities", "Microsoft.Web/serverfarms", "Microsoft.Web/sites",
            "Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts/blobServices/containers",
            "Microsoft.DocumentDB/databaseAccounts", "Microsoft.DocumentDB/databaseAccounts/sqlDatabases",
            "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers", "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments",
            "Microsoft.EventHub/namespaces", "Microsoft.EventHub/namespaces/eventhubs", "Microsoft.EventHub/namespaces/eventhubs/consumergroups",
            "Microsoft.OperationalInsights/workspaces", "Microsoft.Insights/components", "Microsoft.Authorization/roleAssignments",
        ], StringComparer.OrdinalIgnoreCase), types);
    }

    [Theory, MemberData(nameof(BuiltInRoles))]
    public void The_identity_is_granted_each_built_in_role(string role, string id)
    {
        Assert.True(template.Text.Contains($"'{id}'", StringComparison.Ordinal) || template.Text.Contains($"\"{id}\"", StringComparison.Ordinal),
            $"{role} ({id}) is not assigned");
    }

    [Fact]
    public void The_function_app_is_flex_consumption_with_the_custom_runtime_and_an_identity_deployment()
    {
        var plan = template.Single("Microsoft.Web/serverfarms");
        var site = template.Single("Microsoft.Web/sites");
        var config = site["properties"]!["functionAppConfig"]!;

        Assert.Equal(("FC1", "FlexConsumption"), ((string)plan["sku"]!["name"]!, (string)plan["sku"]!["tier"]!));
        Assert.Equal(("custom", "1.0"), ((string)config["runtime"]!["name"]!, (string)config["runtime"]!["version"]!));
        Assert.Equal("blobContainer", (string?)config["deployment"]!["storage"]!["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)config["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
    }

    [Fact]
    public void Every_data_store_accepts_identities_only()
    {
        Assert.False((bool)template.Single("Microsoft.Storage/storageAccounts")["properties"]!["allowSharedKeyAccess"]!);
        Assert.True((bool)template.Single("Microsoft.DocumentDB/databaseAccounts")["properties"]!["disableLocalAuth"]!);
        Assert.True((bool)template.Single("Microsoft.EventHub/namespaces")["properties"]!["disableLocalAuth"]!);
        Assert.True((bool)template.Single("Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]!);
        Assert.True((bool)template.Single("Microsoft.KeyVault/vaults")["properties"]!["enableRbacAuthorization"]!);
        foreach (var keyed in new[] { "listKeys(", "listConnectionStrings(", "AccountKey=", "SharedAccessKey" })
            Assert.DoesNotContain(keyed, template.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_cosmos_containers_are_the_ones_the_adapter_defines()
    {
        // CosmosContainers.Definitions() is what the adapter would create; the template must match it exactly.
        var definitions = (IEnumerable<ContainerProperties>)typeof(CosmosContainers)
            .GetMethod("Definitions", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, null)!;
        var expected = definitions.Select(c => (c.Id, c.PartitionKeyPath, c.DefaultTimeToLive)).OrderBy(c => c.Id, StringComparer.Ordinal);
        var declared = template.ModuleDeclaring("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers")["variables"]!["containers"]!.AsArray()
            .Select(c => ((string)c!["name"]!, (string)c["partitionKey"]!, (int?)c["defaultTtl"]))
            .OrderBy(c => c.Item1, StringComparer.Ordinal);

        Assert.Equal(expected, declared);
        // Same indexing: the service adds /"_etag"/? to every policy itself, so the template may name it.
        var policy = template.ModuleDeclaring("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers")["variables"]!["envelopeOnly"]!;
        foreach (var definition in definitions)
        {
            Assert.Equal(definition.IndexingPolicy.IncludedPaths.Select(p => p.Path), policy["includedPaths"]!.AsArray().Select(p => (string)p!["path"]!));
            Assert.Equal(definition.IndexingPolicy.ExcludedPaths.Select(p => p.Path),
                policy["excludedPaths"]!.AsArray().Select(p => (string)p!["path"]!).Where(p => p != "/\"_etag\"/?"));
        }
        Assert.Equal("kaireon", (string?)template.Json["parameters"]!["cosmosDatabaseName"]!["defaultValue"]);
        Assert.Equal(new CosmosOptions().Database, (string?)template.Json["parameters"]!["cosmosDatabaseName"]!["defaultValue"]);
    }

    [Fact]
    public void Trigger_connections_and_host_storage_use_the_identity_not_a_connection_string()
    {
        var settings = AppSettings;

        foreach (var connection in FunctionSettings.Connections.Append("AzureWebJobsStorage"))
        {
            Assert.DoesNotContain(connection, settings.Keys);
            Assert.Equal("managedidentity", settings[$"{connection}__credential"]);
            Assert.Contains($"{connection}__clientId", settings.Keys);
        }
        foreach (var connection in FunctionSettings.Connections) Assert.Contains($"{connection}__fullyQualifiedNamespace", settings.Keys);
        Assert.Contains("AzureWebJobsStorage__accountName", settings.Keys);
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        // Flex Consumption takes the runtime from functionAppConfig and rejects these settings.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
    }

    [Fact]
    public void App_settings_configure_the_cloud_shape_with_keys_the_code_reads()
    {
        var settings = AppSettings;
        var keys = settings.Keys.Select(ConfigurationKeys.FromEnvironmentName).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var missing = CloudSettings.Where(k => !keys.Contains(k)).Concat(FunctionSettings.References.Where(r => !settings.ContainsKey(r))).ToList();
        var unknown = keys.Where(k => k.StartsWith("Kaireon:", StringComparison.OrdinalIgnoreCase) && !ConfigurationKeys.All.Contains(k)).ToList();

        Assert.Empty(missing);
        Assert.Empty(unknown);
        Assert.Equal(("Cosmos", "EventHubs"), (settings["Kaireon__Storage__Provider"], settings["Kaireon__Stream__Provider"]));
        AssertKeyVaultReference(settings["Kaireon__Security__ApiKeyPepper"]);
        AssertKeyVaultReference(settings["Kaireon__Bootstrap__ApiKey"]);
    }

    /// <summary>The setting is a module parameter fed by a Key Vault module output holding a Key Vault reference.</summary>
    private void AssertKeyVaultReference(string value)
    {
        var parameter = System.Text.RegularExpressions.Regex.Match(value, @"^\[parameters\('(\w+)'\)\]$").Groups[1].Value;
        var output = (string?)template.ModuleDeclaring("Microsoft.KeyVault/vaults/secrets")["outputs"]?[parameter]?["value"];
        Assert.NotNull(output);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0})'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_parameters_file_names_only_template_parameters_and_leaves_out_only_secrets()
    {
        var parameters = template.Json["parameters"]!.AsObject();
        var file = JsonNode.Parse(File.ReadAllText(Repository.PathOf("infra", "main.parameters.json")))!["parameters"]!.AsObject();

        var unknown = file.Select(p => p.Key).Where(name => !parameters.ContainsKey(name)).ToList();
        var missing = parameters.Where(p => !p.Value!.AsObject().ContainsKey("defaultValue") && !file.ContainsKey(p.Key))
            .Where(p => (string?)p.Value!["type"] != "securestring").Select(p => p.Key).ToList();

        Assert.Empty(unknown);
        Assert.Empty(missing);
        Assert.Equal(["apiKeyPepper", "bootstrapApiKey"], parameters.Where(p => (string?)p.Value!["type"] == "securestring").Select(p => p.Key).Order(StringComparer.Ordinal));
    }
}
