using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Kaireon.Functions.Tests.Tenancy;

public sealed class SettingsEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    [Fact]
    public async Task Settings_start_at_their_defaults_and_change_with_put()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var initial = await admin.GetFromJsonAsync<JsonObject>("/api/v1/settings");
        var put = await admin.PutAsJsonAsync("/api/v1/settings", new { decisionTraceSampleRate = 0.25, traceRetentionDays = 7 });
        var after = await admin.GetFromJsonAsync<JsonObject>("/api/v1/settings");

        Assert.Equal(0.01, (double)initial!["decisionTraceSampleRate"]!);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(0.25, (double)after!["decisionTraceSampleRate"]!);
        Assert.Equal(7, (int)after["traceRetentionDays"]!);
    }

    [Fact]
    public async Task Out_of_range_settings_name_every_field_and_change_nothing()
    {
        using var admin = (await app.NewTenantAsync()).Admin();

        var response = await admin.PutAsJsonAsync("/api/v1/settings", new { decisionTraceSampleRate = 1.5, traceRetentionDays = 0 });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var after = await admin.GetFromJsonAsync<JsonObject>("/api/v1/settings");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["decisionTraceSampleRate", "traceRetentionDays"], problem!["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal(0.01, (double)after!["decisionTraceSampleRate"]!);
    }
}
