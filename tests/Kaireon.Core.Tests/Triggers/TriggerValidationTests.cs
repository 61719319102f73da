using System.Text.Json;
using Kaireon.Core.Json;
using Kaireon.Core.Triggers;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tests.Triggers;

public sealed class TriggerValidationTests
{
    private static string[] Errors(string json)
    {
        var errors = new ValidationErrors();
        Trigger.Kind.Validate(JsonSerializer.Deserialize(json, KaireonJson.Default.Trigger)!, errors);
        return [.. errors.ToDictionary().Keys.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Every_bad_field_is_named_under_its_path()
    {
        var keys = Errors("""
            { "cooldownMs": -1, "journeyMinutes": 0,
              "conditions": [
                { "type": "threshold", "filter": { "all": [] }, "count": 0 },
                { "type": "duration", "eventType": "page_view" },
                { "type": "metric", "metricId": "Not An Id", "operator": "contains" },
                { } ],
              "actions": [ { "type": "webhook", "url": "ftp://x", "secret": "short" }, { "type": "add_segment" }, { } ] }
            """);

        Assert.Equal([
            "actions[0].secret", "actions[0].url", "actions[1].segment", "actions[2].type",
            "conditions[0].count", "conditions[0].eventType", "conditions[0].filter.all", "conditions[0].windowMinutes",
            "conditions[1].field", "conditions[1].minSeconds",
            "conditions[2].metricId", "conditions[2].operator", "conditions[2].value",
            "conditions[3].type", "cooldownMs", "journeyMinutes", "name"], keys);
    }

    [Fact]
    public void An_absence_must_stand_alone()
    {
        Assert.Equal(["conditions"], Errors("""
            { "name": "x", "actions": [ { "type": "add_segment", "segment": "s" } ],
              "conditions": [ { "type": "absence", "eventType": "add_to_cart", "awaitedEventType": "purchase", "withinMinutes": 60 },
                              { "type": "threshold", "eventType": "view", "count": 2, "windowMinutes": 5 } ] }
            """));
    }

    [Fact]
    public void The_issue_examples_are_valid()
    {
        Assert.Empty(Errors("""
            { "name": "Cart abandonment", "cooldownMs": 86400000, "journeyPolicy": "skip_if_active",
              "conditions": [ { "type": "absence", "eventType": "add_to_cart", "awaitedEventType": "purchase", "withinMinutes": 1440 } ],
              "actions": [ { "type": "recommend", "url": "https://hooks.example.com/x", "secret": "0123456789abcdef", "limit": 3 },
                           { "type": "add_segment", "segment": "cart_abandoners" } ] }
            """));
    }
}
