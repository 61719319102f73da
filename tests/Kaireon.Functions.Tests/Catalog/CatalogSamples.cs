using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.Catalog;

/// <summary>
/// A valid body for every catalog resource, and <see cref="SeedAsync"/> to create what those bodies
/// refer to (category <c>cards</c>, sub-category <c>gold</c>, channel <c>web</c>, placement
/// <c>hero</c>, offer <c>o1</c>).
/// </summary>
public static class CatalogSamples
{
    public static readonly string[] Routes = ["categories", "sub-categories", "channels", "placements", "offers", "creatives", "outcome-types"];

    public static JsonObject ValidBody(string route) => route switch
    {
        "categories" => new()
        {
            ["name"] = "Loans",
            ["displayOrder"] = 2,
            ["color"] = "#1E88E5",
            ["customFields"] = new JsonArray(
                new JsonObject { ["key"] = "apr", ["type"] = "number" },
                new JsonObject { ["key"] = "score", ["type"] = "number", ["formula"] = "offer.apr * (attributes.risk + 1)" }),
        },
        "sub-categories" => new() { ["name"] = "Platinum", ["categoryId"] = "cards" },
        "channels" => new() { ["name"] = "Email", ["type"] = "email", ["deliveryMode"] = "integration", ["impressionMode"] = "implicit", ["provider"] = new JsonObject { ["name"] = "ses", ["config"] = new JsonObject { ["region"] = "eu-west-1" } } },
        "placements" => new() { ["name"] = "Sidebar", ["channelId"] = "web", ["slotType"] = "widget", ["maxSlots"] = 3 },
        "offers" => new()
        {
            ["name"] = "Travel card",
            ["categoryId"] = "cards",
            ["subCategoryId"] = "gold",
            ["priority"] = 70,
            ["weight"] = 80,
            ["startDate"] = "2026-01-01T00:00:00Z",
            ["endDate"] = "2027-01-01T00:00:00Z",
            ["budget"] = new JsonObject { ["total"] = 5000, ["currency"] = "EUR" },
            ["mandatory"] = true,
            ["customFields"] = new JsonObject { ["annualFee"] = 95, ["tier"] = "gold" },
        },
        "creatives" => new() { ["name"] = "Hero banner", ["offerId"] = "o1", ["channelId"] = "web", ["placementId"] = "hero", ["content"] = new JsonObject { ["headline"] = "Fly more" }, ["variant"] = "A", ["variantWeight"] = 50 },
        "outcome-types" => new() { ["key"] = "share", ["name"] = "Share", ["category"] = "positive" },
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, null),
    };

    /// <summary>The field a test changes with PUT, and its new value.</summary>
    public static (string Field, JsonNode Value) Change(string route) => route switch
    {
        "outcome-types" => ("name", "Shared"),
        "placements" => ("maxSlots", 5),
        _ => ("name", "Renamed"),
    };

    public static async Task SeedAsync(HttpClient admin)
    {
        await PostAsync(admin, "categories", new JsonObject
        {
            ["id"] = "cards",
            ["name"] = "Credit Cards",
            ["customFields"] = new JsonArray(
                new JsonObject { ["key"] = "annualFee", ["type"] = "number", ["required"] = true },
                new JsonObject { ["key"] = "tier", ["type"] = "select", ["options"] = new JsonArray("silver", "gold") }),
        });
        await PostAsync(admin, "sub-categories", new JsonObject { ["id"] = "gold", ["name"] = "Gold cards", ["categoryId"] = "cards" });
        await PostAsync(admin, "channels", new JsonObject { ["id"] = "web", ["name"] = "Web", ["type"] = "web" });
        await PostAsync(admin, "placements", new JsonObject { ["id"] = "hero", ["name"] = "Hero", ["channelId"] = "web", ["slotType"] = "banner" });
        await PostAsync(admin, "offers", new JsonObject { ["id"] = "o1", ["name"] = "Gold card", ["categoryId"] = "cards", ["subCategoryId"] = "gold", ["customFields"] = new JsonObject { ["annualFee"] = 0 } });
    }

    public static async Task<JsonObject> PostAsync(HttpClient client, string route, JsonObject body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/{route}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {route} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
