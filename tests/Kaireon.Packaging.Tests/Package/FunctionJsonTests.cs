using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kaireon.Packaging.Tests.Package;

/// <summary>Each packaged function.json is one the Functions host accepts, with the settings design §2 requires.</summary>
public sealed class FunctionJsonTests(PublishedPackage package)
{
    private static readonly string[] RetryStrategies = ["fixedDelay", "exponentialBackoff"];

    [Fact]
    public void Every_binding_is_a_named_extension_bundle_binding_with_a_direction()
    {
        var problems = new List<string>();
        foreach (var function in package.Functions)
        {
            foreach (var binding in function.Bindings)
            {
                var type = (string?)binding["type"];
                if (type is null || !BindingTypes.ExtensionBundleV4.Contains(type))
                    problems.Add($"{function.Name}: binding type '{type}' is not in extension bundle 4.x");
                if (string.IsNullOrWhiteSpace((string?)binding["name"])) problems.Add($"{function.Name}: a {type} binding has no name");
                if ((string?)binding["direction"] is not ("in" or "out" or "inout")) problems.Add($"{function.Name}: {type} has direction '{binding["direction"]}'");
            }
            var triggers = function.Bindings.Count(b => ((string?)b["type"])?.EndsWith("Trigger", StringComparison.Ordinal) == true);
            if (triggers != 1) problems.Add($"{function.Name}: {triggers} triggers, the host needs exactly one");
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Event_hub_triggers_take_batches_of_strings_and_retry_before_the_checkpoint()
    {
        var triggers = package.Functions.Where(f => (string?)f.Trigger["type"] == "eventHubTrigger").ToList();

        Assert.NotEmpty(triggers);
        foreach (var function in triggers)
        {
            var trigger = function.Trigger;
            Assert.Equal("many", (string?)trigger["cardinality"]);
            // Without dataType string a non-JSON body fails before the handler and is checkpointed away.
            Assert.Equal("string", (string?)trigger["dataType"]);
            Assert.False(string.IsNullOrEmpty((string?)trigger["connection"]), $"{function.Name} names no connection");
            Assert.False(string.IsNullOrEmpty((string?)trigger["eventHubName"]), $"{function.Name} names no hub");
            // The trigger checkpoints after every invocation; only a retry policy holds the checkpoint.
            var retry = function.Json["retry"]?.AsObject();
            Assert.NotNull(retry);
            Assert.Contains((string?)retry["strategy"], RetryStrategies);
        }
    }

    [Fact]
    public void Timer_schedules_have_the_six_fields_of_the_functions_cron()
    {
        foreach (var function in package.Functions.Where(f => (string?)f.Trigger["type"] == "timerTrigger"))
        {
            var schedule = (string)function.Trigger["schedule"]!;
            Assert.True(schedule.StartsWith('%') || schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6,
                $"{function.Name}: schedule '{schedule}' is not six-field NCRONTAB");
        }
    }

    [Fact]
    public void Every_function_json_is_plain_json_the_host_can_read()
    {
        foreach (var function in package.Functions)
        {
            // Strict parse: no comments or trailing commas, which the host's reader may not accept.
            using var document = JsonDocument.Parse(File.ReadAllText(function.Path));
            Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("bindings").ValueKind);
        }
    }
}
