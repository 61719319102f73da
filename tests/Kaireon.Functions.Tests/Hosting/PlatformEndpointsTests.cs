using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.Hosting;

public sealed class PlatformEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar")]
    [InlineData("/")]
    public async Task Platform_endpoints_answer_without_a_key(string path)
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_with_the_key_schemes()
    {
        using var client = app.CreateClient();

        var document = await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject();

        foreach (var route in Catalog.CatalogSamples.Routes)
        {
            Assert.True(paths.ContainsKey($"/api/v1/{route}"), route);
            Assert.True(paths.ContainsKey($"/api/v1/{route}/{{id}}"), route);
        }
        foreach (var path in new[] { "/api/v1/tenants", "/api/v1/api-keys", "/api/v1/api-keys/{id}", "/api/v1/settings", "/api/v1/audit-log" })
            Assert.True(paths.ContainsKey(path), path);
        Assert.NotNull(document["components"]!["securitySchemes"]!["apiKey"]);
    }
}
