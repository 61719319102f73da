using System.Net;
using System.Net.Http.Json;
using Kaireon.Core.DecisionFlows;
using Kaireon.Core.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using static Kaireon.Functions.Tests.DecisionFlows.ConfigApi;
using static Kaireon.Functions.Tests.DecisionFlows.FlowSamples;

namespace Kaireon.Functions.Tests.DecisionFlows;

public sealed class FlowRouteEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private const string Routes = "flow-routes";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestTenant Tenant, HttpClient Admin)> WithFlowsAsync()
    {
        var (tenant, admin) = await TenantAsync(app);
        foreach (var key in new[] { "by-channel", "by-placement", "by-both", "by-channel-urgent", "by-slot" })
            await CreatedAsync(admin, Route, V2(key));
        return (tenant, admin);
    }

    [Fact]
    public async Task The_most_specific_matching_route_wins_then_priority()
    {
        var (tenant, admin) = await WithFlowsAsync();
        await CreatedAsync(admin, Routes, Json("""{ "id": "r1", "channelId": "web", "flowKey": "by-channel" }"""));
        await CreatedAsync(admin, Routes, Json("""{ "id": "r2", "placement": "hero", "flowKey": "by-placement" }"""));
        await CreatedAsync(admin, Routes, Json("""{ "id": "r3", "name": "Web hero", "channelId": "web", "placement": "hero", "flowKey": "by-both" }"""));
        await CreatedAsync(admin, Routes, Json("""{ "id": "r4", "channelId": "web", "flowKey": "by-channel-urgent", "priority": 5 }"""));
        await CreatedAsync(admin, Routes, Json("""{ "id": "r5", "placement": "banner", "flowKey": "by-slot", "priority": 10 }"""));
        var routing = app.Services.GetRequiredService<FlowRouting>();
        var id = TenantId.Parse(tenant.Id);

        Assert.Equal("by-both", (await routing.ResolveAsync(id, "web", "hero", Ct))?.FlowKey);
        Assert.Equal("by-channel-urgent", (await routing.ResolveAsync(id, "web", "sidebar", Ct))?.FlowKey);
        Assert.Equal("by-channel-urgent", (await routing.ResolveAsync(id, "web", null, Ct))?.FlowKey);
        // hero's slot type is banner: both placement routes match, and r5's priority is higher.
        Assert.Equal("by-slot", (await routing.ResolveAsync(id, "email", "hero", Ct))?.FlowKey);
        Assert.Equal("by-slot", (await routing.ResolveAsync(id, null, "banner", Ct))?.FlowKey);
        Assert.Null(await routing.ResolveAsync(id, "email", null, Ct));
    }

    [Fact]
    public async Task A_route_is_validated_and_its_references_checked()
    {
        var (_, admin) = await WithFlowsAsync();

        Assert.Equal(["channelId"], await ErrorKeysAsync(await admin.PostAsJsonAsync($"/api/v1/{Routes}", Json("""{ "flowKey": "by-channel" }"""), Ct), HttpStatusCode.BadRequest));
        Assert.Equal(["flowKey"], await ErrorKeysAsync(await admin.PostAsJsonAsync($"/api/v1/{Routes}", Json("""{ "channelId": "web" }"""), Ct), HttpStatusCode.BadRequest));
        Assert.Equal(["placement", "priority"], await ErrorKeysAsync(await admin.PostAsJsonAsync($"/api/v1/{Routes}", Json("""{ "placement": "Hero Banner", "flowKey": "by-channel", "priority": -1 }"""), Ct), HttpStatusCode.BadRequest));
        Assert.Equal(["channelId", "flowKey"], await ErrorKeysAsync(await admin.PostAsJsonAsync($"/api/v1/{Routes}", Json("""{ "channelId": "fax", "flowKey": "no-flow" }"""), Ct), HttpStatusCode.UnprocessableEntity));
    }

    [Fact]
    public async Task A_routed_flow_cannot_be_deleted_and_another_tenants_route_answers_404()
    {
        var (_, admin) = await WithFlowsAsync();
        var (_, stranger) = await WithFlowsAsync();
        var route = await CreatedAsync(admin, Routes, Json("""{ "channelId": "web", "flowKey": "by-channel" }"""));

        Assert.StartsWith("route_", (string)route["id"]!);
        Assert.Contains($"flow_route/{route["id"]}", await DetailAsync(await admin.DeleteAsync($"/api/v1/{Route}/by-channel", Ct), HttpStatusCode.Conflict));
        await AssertInvisibleToAsync(stranger, Routes, (string)route["id"]!, Json("""{ "channelId": "web", "flowKey": "by-channel" }"""));
    }
}
