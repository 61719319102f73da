using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.DecisionFlows;

public sealed class DecisioningOpenApiTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    [Fact]
    public async Task Every_decisioning_resource_is_in_the_openapi_document_with_its_typed_variants()
    {
        using var client = app.CreateClient();

        var document = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var paths = document!["paths"]!.AsObject();
        foreach (var route in new[] { "qualification-rules", "contact-policies", "decision-flows", "flow-routes", "algorithm-models", "arbitration-profiles" })
        {
            Assert.True(paths.ContainsKey($"/api/v1/{route}"), route);
            Assert.True(paths.ContainsKey($"/api/v1/{route}/{{id}}"), route);
        }
        foreach (var path in new[] { "/api/v1/decision-flows/{id}/publish", "/api/v1/decision-flows/{id}/versions", "/api/v1/decision-flows/{id}/versions/{version}", "/api/v1/customers/{id}" })
            Assert.True(paths.ContainsKey(path), path);
        var schemas = document["components"]!["schemas"]!.ToJsonString();
        Assert.Contains("metric_condition", schemas);
        Assert.Contains("allow_override", schemas);
        Assert.Contains("call_flow", schemas);
    }
}
