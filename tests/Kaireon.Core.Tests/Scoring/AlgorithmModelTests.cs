using System.Text.Json;
using Kaireon.Core.Catalog;
using Kaireon.Core.Json;
using Kaireon.Core.Scoring;
using Kaireon.Core.Storage;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tests.Scoring;

public sealed class AlgorithmModelTests
{
    private static AlgorithmModel Parse(string json) => JsonSerializer.Deserialize(json, KaireonJson.Default.AlgorithmModel)!;

    private static IDictionary<string, string[]> Errors(AlgorithmModel model)
    {
        var errors = new ValidationErrors();
        AlgorithmModel.Kind.Validate(model, errors);
        return errors.ToDictionary();
    }

    /// <summary>The errors the API answers with 422: only checked once the fields are valid.</summary>
    private static IDictionary<string, string[]> Unprocessable(AlgorithmModel model)
    {
        var errors = new ValidationErrors();
        AlgorithmModel.Kind.ValidateWithReferences!(model, new ReferencedEntities(new Dictionary<string, CatalogDocument>()), errors);
        return errors.ToDictionary();
    }

    [Fact]
    public void Omitted_settings_take_their_defaults()
    {
        var model = Parse("""{ "name": "Cards bandit", "modelType": "thompson_bandit" }""");
        Assert.Equal(AlgorithmModelType.ThompsonBandit, model.ModelType);
        Assert.Equal((1.0, 1.0, 0.1, 0.0, RewardOn.Positive), (model.Config!.Alpha0, model.Config.Beta0, model.Config.Epsilon, model.Config.DecayRate, model.Config.RewardOn));
        var partial = Parse("""{ "name": "b", "modelType": "bayesian", "config": { "alpha0": 3 } }""");
        Assert.Equal((3.0, 1.0), (partial.Config!.Alpha0, partial.Config.Beta0));
        Assert.Empty(Errors(model));
    }

    [Fact]
    public void A_scorecard_round_trips_through_the_json_contract()
    {
        const string json = """
            {"name":"Risk card","modelType":"scorecard","config":{"alpha0":1,"beta0":1,"epsilon":0.1,"decayRate":0,"rewardOn":"conversion","baseScore":5,
            "factors":[{"field":"customer.age","weight":1,"bins":[{"max":25,"points":0},{"min":25,"points":10}],"defaultPoints":0},
            {"field":"customer.tier","weight":2,"bins":[{"equals":"gold","points":30}],"defaultPoints":1}]}}
            """;
        var model = Parse(json);
        Assert.Empty(Errors(model));
        Assert.Equal("gold", model.Config!.Factors![1].Bins![0].EqualTo!.Value.GetString());
        Assert.Equal(RewardOn.Conversion, model.Config.RewardOn);
        var written = JsonSerializer.Serialize(model, KaireonJson.Default.AlgorithmModel);
        Assert.Contains("\"modelType\":\"scorecard\"", written);
        Assert.Contains("\"equals\":\"gold\"", written);
        Assert.Equal(written, JsonSerializer.Serialize(Parse(written), KaireonJson.Default.AlgorithmModel));
    }

    [Theory]
    [InlineData("gradient_boosted", AlgorithmModelType.GradientBoosted)]
    [InlineData("neural_cf", AlgorithmModelType.NeuralCf)]
    [InlineData("online_learner", AlgorithmModelType.OnlineLearner)]
    [InlineData("epsilon_greedy", AlgorithmModelType.EpsilonGreedy)]
    public void Model_types_are_snake_case_on_the_wire(string wire, AlgorithmModelType type) =>
        Assert.Equal(type, Parse($$"""{ "name": "m", "modelType": "{{wire}}" }""").ModelType);

    [Fact]
    public void An_unknown_model_type_lists_the_seven()
    {
        var e = Assert.Throws<JsonException>(() => Parse("""{ "name": "m", "modelType": "random_forest" }"""));
        Assert.Contains("scorecard, bayesian, gradient_boosted, thompson_bandit, epsilon_greedy, neural_cf, online_learner", e.Message);
    }

    [Theory]
    [InlineData(AlgorithmModelType.GradientBoosted, "'gradient_boosted' models are not available yet")]
    [InlineData(AlgorithmModelType.NeuralCf, "'neural_cf' models are not available yet")]
    [InlineData(AlgorithmModelType.OnlineLearner, "'online_learner' models are not available yet")]
    public void The_three_later_types_are_well_formed_but_unprocessable(AlgorithmModelType type, string message)
    {
        var model = new AlgorithmModel { Name = "later", ModelType = type };
        Assert.Empty(Errors(model));
        Assert.Contains(message, Assert.Single(Unprocessable(model)["modelType"]));
        Assert.Equal(type, Assert.Throws<ScoringEngineNotAvailableException>(() => ScoringEngines.Create(model)).ModelType);
    }

    [Theory]
    [InlineData(AlgorithmModelType.Scorecard)]
    [InlineData(AlgorithmModelType.Bayesian)]
    [InlineData(AlgorithmModelType.ThompsonBandit)]
    [InlineData(AlgorithmModelType.EpsilonGreedy)]
    public void The_four_available_types_build_their_engine(AlgorithmModelType type)
    {
        var model = new AlgorithmModel
        {
            Name = "m",
            ModelType = type,
            Config = new() { Factors = [new() { Field = "customer.age", Bins = [new() { Min = 18, Points = 1 }] }] },
        };
        Assert.Empty(Errors(model));
        Assert.Empty(Unprocessable(model));
        Assert.Equal(type, ScoringEngines.Create(model).ModelType);
        Assert.True(type.IsAvailable());
        Assert.Equal(type != AlgorithmModelType.Scorecard, type.Learns());
    }

    [Fact]
    public void Name_and_model_type_are_required()
    {
        var errors = Errors(new AlgorithmModel());
        Assert.Equal(["modelType", "name"], errors.Keys.Order());
        Assert.Contains("one of scorecard, bayesian", errors["modelType"][0]);
    }

    [Fact]
    public void Bandit_settings_are_range_checked_by_path()
    {
        var errors = Errors(new AlgorithmModel { Name = "m", ModelType = AlgorithmModelType.EpsilonGreedy, Config = new() { Epsilon = 1.5, DecayRate = -1, Prior = 2 } });
        Assert.Equal(["config.decayRate", "config.epsilon", "config.prior"], errors.Keys.Order());

        var beta = Errors(new AlgorithmModel { Name = "m", ModelType = AlgorithmModelType.Bayesian, Config = new() { Alpha0 = 0, Beta0 = -2 } });
        Assert.Equal(["config.alpha0", "config.beta0"], beta.Keys.Order());
        Assert.Empty(Errors(new AlgorithmModel { Name = "m", ModelType = AlgorithmModelType.ThompsonBandit, Config = new() { Alpha0 = 0.5, Beta0 = 30 } }));
    }

    [Fact]
    public void A_scorecard_needs_factors()
    {
        Assert.Equal(["config.factors"], Errors(new AlgorithmModel { Name = "m", ModelType = AlgorithmModelType.Scorecard }).Keys);
        Assert.Equal(["config.factors"], Errors(new AlgorithmModel { Name = "m", ModelType = AlgorithmModelType.Scorecard, Config = null }).Keys);
    }

    [Fact]
    public void Every_bad_factor_and_bin_is_named_by_its_path()
    {
        var model = Parse("""
            { "name": "m", "modelType": "scorecard", "config": { "factors": [
              { "field": "customer.age", "bins": [ { "min": 30, "max": 20, "points": 1 }, { "points": 2 }, { "equals": "x", "min": 1, "points": 3 } ] },
              { "field": "system.env", "bins": [] },
              { "field": "" },
              { "field": "customer.tier", "bins": [ { "equals": { "a": 1 }, "points": 1 } ] }
            ] } }
            """);
        var errors = Errors(model);
        Assert.Equal(
            ["config.factors[0].bins[0].max", "config.factors[0].bins[1]", "config.factors[0].bins[2]", "config.factors[1].bins", "config.factors[1].field", "config.factors[2].field", "config.factors[3].bins[0].equals"],
            errors.Keys.Order());
        Assert.Contains("at position 1: unknown field root 'system'", errors["config.factors[1].field"][0]);
    }

    [Fact]
    public void A_linear_factor_needs_an_explicit_range()
    {
        var linear = new AlgorithmModel { Name = "m", ModelType = AlgorithmModelType.Scorecard, Config = new() { Factors = [new() { Field = "attributes.score" }] } };
        Assert.Equal(["config.maxScore"], Errors(linear).Keys);
        Assert.Empty(Errors(linear with { Config = linear.Config! with { MinScore = 0, MaxScore = 1 } }));
        Assert.Equal(["config.maxScore"], Errors(linear with { Config = linear.Config! with { MinScore = 1, MaxScore = 1 } }).Keys);
    }

    [Fact]
    public void A_scorecard_whose_points_cannot_vary_is_rejected() =>
        Assert.Equal(["config.factors"], Errors(new AlgorithmModel
        {
            Name = "m",
            ModelType = AlgorithmModelType.Scorecard,
            Config = new() { Factors = [new() { Field = "customer.age", Bins = [new() { Min = 1, Points = 0 }] }] },
        }).Keys);
}
