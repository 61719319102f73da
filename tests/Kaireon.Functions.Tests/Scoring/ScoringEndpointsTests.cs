using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Kaireon.Functions.Tests.DecisionFlows.ConfigApi;

namespace Kaireon.Functions.Tests.Scoring;

/// <summary>Algorithm models and arbitration profiles over HTTP (the kinds and their validation are the Scoring feature's).</summary>
public sealed class ScoringEndpointsTests(KaireonApp app) : IClassFixture<KaireonApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> AvailableTypes() => new() { "bayesian", "thompson_bandit", "epsilon_greedy" };

    public static TheoryData<string> UnavailableTypes() => new() { "gradient_boosted", "neural_cf", "online_learner" };

    [Theory]
    [MemberData(nameof(AvailableTypes))]
    public async Task A_learning_model_is_created_with_its_defaults(string type)
    {
        using var admin = (await app.NewTenantAsync(Ct)).Admin();

        var created = await CreatedAsync(admin, "algorithm-models", Json($$"""{ "name": "M", "modelType": "{{type}}" }"""));

        Assert.StartsWith("model_", (string)created["id"]!);
        Assert.Equal(type, (string)created["modelType"]!);
        Assert.Equal(1.0, (double)created["config"]!["alpha0"]!);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/algorithm-models/{created["id"]}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_scorecard_is_created_with_its_factors()
    {
        using var admin = (await app.NewTenantAsync(Ct)).Admin();
        var body = Json("""
            { "name": "Card fit", "modelType": "scorecard",
              "config": { "baseScore": 10, "factors": [ { "field": "attributes.age", "bins": [ { "max": 30, "points": 5 }, { "min": 30, "points": 15 } ] } ] } }
            """);

        var response = await admin.PostAsJsonAsync("/api/v1/algorithm-models", body, Ct);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(UnavailableTypes))]
    public async Task A_model_type_not_available_yet_answers_422_saying_so(string type)
    {
        using var admin = (await app.NewTenantAsync(Ct)).Admin();

        var response = await admin.PostAsJsonAsync("/api/v1/algorithm-models", Json($$"""{ "name": "M", "modelType": "{{type}}" }"""), Ct);

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["modelType"], problem!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("not available yet", (string)problem["errors"]!["modelType"]![0]!);
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>("/api/v1/algorithm-models", Ct))!["data"]!.AsArray());
    }

    [Theory]
    [InlineData("""{ "modelType": "bayesian" }""", "name")]
    [InlineData("""{ "name": "M" }""", "modelType")]
    [InlineData("""{ "name": "M", "modelType": "oracle" }""", "modelType")]
    [InlineData("""{ "name": "M", "modelType": "bayesian", "config": { "alpha0": 0 } }""", "config.alpha0")]
    [InlineData("""{ "name": "M", "modelType": "epsilon_greedy", "config": { "epsilon": 1.5 } }""", "config.epsilon")]
    [InlineData("""{ "name": "M", "modelType": "scorecard", "config": {} }""", "config.factors")]
    public async Task An_invalid_model_answers_400_naming_the_field(string body, string path)
    {
        using var admin = (await app.NewTenantAsync(Ct)).Admin();

        Assert.Contains(path, await ErrorKeysAsync(await admin.PostAsJsonAsync("/api/v1/algorithm-models", Json(body), Ct), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task An_arbitration_profile_keeps_its_weights_and_method()
    {
        using var admin = (await app.NewTenantAsync(Ct)).Admin();

        var created = await CreatedAsync(admin, "arbitration-profiles",
            Json("""{ "name": "Margin first", "method": "geometric", "weights": { "conversion": 1, "margin": 3, "fatigue": 0.5, "fairness": 0, "recency": 2 } }"""));
        var defaults = await CreatedAsync(admin, "arbitration-profiles", Json("""{ "name": "Plain" }"""));

        Assert.StartsWith("arb_", (string)created["id"]!);
        Assert.Equal("geometric", (string)created["method"]!);
        Assert.Equal(3.0, (double)created["weights"]!["margin"]!);
        Assert.Equal("weighted_average", (string)defaults["method"]!);
        Assert.Equal(1.0, (double)defaults["weights"]!["conversion"]!);
    }

    [Theory]
    [InlineData("""{ "name": "P", "weights": { "margin": -1 } }""", "weights.margin")]
    [InlineData("""{ "name": "P", "weights": { "recency": 101 } }""", "weights.recency")]
    [InlineData("""{ "name": "P", "weights": { "conversion": "high" } }""", "weights.conversion")]
    [InlineData("""{ "name": "P", "weights": null }""", "weights")]
    [InlineData("""{ "name": "P", "method": "harmonic" }""", "method")]
    [InlineData("""{ "name": "" }""", "name")]
    public async Task Invalid_arbitration_weights_answer_400_naming_the_dimension(string body, string path)
    {
        using var admin = (await app.NewTenantAsync(Ct)).Admin();

        Assert.Contains(path, await ErrorKeysAsync(await admin.PostAsJsonAsync("/api/v1/arbitration-profiles", Json(body), Ct), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Another_tenants_model_and_profile_answer_404()
    {
        using var owner = (await app.NewTenantAsync(Ct)).Admin();
        using var stranger = (await app.NewTenantAsync(Ct)).Admin();
        var model = await CreatedAsync(owner, "algorithm-models", Json("""{ "name": "M", "modelType": "bayesian" }"""));
        var profile = await CreatedAsync(owner, "arbitration-profiles", Json("""{ "name": "P" }"""));

        await AssertInvisibleToAsync(stranger, "algorithm-models", (string)model["id"]!, Json("""{ "name": "M", "modelType": "bayesian" }"""));
        await AssertInvisibleToAsync(stranger, "arbitration-profiles", (string)profile["id"]!, Json("""{ "name": "P" }"""));
    }
}
