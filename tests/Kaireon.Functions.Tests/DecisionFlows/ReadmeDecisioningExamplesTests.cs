using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Kaireon.Functions.Tests.Catalog;

namespace Kaireon.Functions.Tests.DecisionFlows;

/// <summary>The README's decisioning requests, in order, are the ones this test sends: each succeeds.</summary>
public sealed partial class ReadmeDecisioningExamplesTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    [GeneratedRegex(@"-X (POST|PUT) localhost:7071(/api/v1/(?:qualification-rules|contact-policies|decision-flows|customers)\S*)")]
    private static partial Regex Request();

    [GeneratedRegex(@"-d '(.+)'")]
    private static partial Regex Body();

    [Fact]
    public async Task The_readme_decisioning_examples_succeed_in_order()
    {
        var lines = await File.ReadAllLinesAsync(FindReadme(), TestContext.Current.CancellationToken);
        using var admin = (await app.NewTenantAsync(TestContext.Current.CancellationToken)).Admin();
        await CatalogSamples.SeedAsync(admin);
        var sent = 0;

        for (var i = 0; i < lines.Length; i++)
        {
            if (Request().Match(lines[i]) is not { Success: true } request) continue;
            var body = Body().Match(lines[i]) is { Success: true } same ? same : i + 1 < lines.Length ? Body().Match(lines[i + 1]) : Match.Empty;
            var message = new HttpRequestMessage(new HttpMethod(request.Groups[1].Value), request.Groups[2].Value);
            if (body.Success) message.Content = new StringContent(body.Groups[1].Value, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

            var response = await admin.SendAsync(message, TestContext.Current.CancellationToken);

            Assert.True(response.IsSuccessStatusCode, $"{lines[i].Trim()} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            sent++;
        }
        Assert.True(sent >= 5, $"found {sent} decisioning requests in the README");
    }

    private static string FindReadme()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var readme = Path.Combine(folder.FullName, "README.md");
            if (File.Exists(readme) && File.Exists(Path.Combine(folder.FullName, "Kaireon.Functions.sln"))) return readme;
        }
        throw new FileNotFoundException("README.md beside Kaireon.Functions.sln, above the test binaries.");
    }
}
