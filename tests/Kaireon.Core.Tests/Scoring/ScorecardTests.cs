using System.Text.Json;
using Kaireon.Core.Randomness;
using Kaireon.Core.Scoring;
using Kaireon.Core.Tests.Formulas;

namespace Kaireon.Core.Tests.Scoring;

public sealed class ScorecardTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>Age bands 0/10/20 points, gold tier 30, an income factor at weight 0.5: raw 0–75.</summary>
    private static readonly AlgorithmModelConfig Card = new()
    {
        BaseScore = 5,
        Factors =
        [
            new() { Field = "customer.age", Bins = [new() { Max = 25, Points = 0 }, new() { Min = 25, Max = 40, Points = 10 }, new() { Min = 40, Points = 20 }] },
            new() { Field = "customer.tier", Bins = [new() { EqualTo = Json("\"gold\""), Points = 30 }, new() { EqualTo = Json("\"silver\""), Points = 10 }] },
            new() { Field = "attributes.income > 50000", Weight = 0.5, Bins = [new() { EqualTo = Json("true"), Points = 40 }], DefaultPoints = 0 },
        ],
    };

    private static double Score(AlgorithmModelConfig config, FakeFields fields) =>
        ScoringEngines.Create(AlgorithmModelType.Scorecard, config).Score(new ScoringCandidate("o1", Fields: fields), LearnedState.Empty, new SeededRandomSource(1)).Value;

    [Fact]
    public void The_range_is_derived_from_the_bins() => Assert.Equal((5.0, 75.0), Card.ScorecardRange());

    [Fact]
    public void Points_add_up_and_normalise_to_zero_to_one()
    {
        // 5 + 10 (age 30) + 30 (gold) + 0.5 × 40 (income) = 65 → (65 − 5) / 70.
        Assert.Equal(60.0 / 70, Score(Card, FakeFields.Of(("customer.age", 30), ("customer.tier", "gold"), ("attributes.income", 60_000))), 12);
        Assert.Equal(1, Score(Card, FakeFields.Of(("customer.age", 40), ("customer.tier", "gold"), ("attributes.income", 60_000))));
        Assert.Equal(0, Score(Card, FakeFields.Of(("customer.age", 18), ("customer.tier", "bronze"), ("attributes.income", 10))));
    }

    [Fact]
    public void Ranges_include_min_and_exclude_max()
    {
        var engine = new ScorecardEngine(Card);
        Assert.Equal(15, engine.RawPoints(FakeFields.Of(("customer.age", 25))));
        Assert.Equal(5, engine.RawPoints(FakeFields.Of(("customer.age", 24.99))));
        Assert.Equal(25, engine.RawPoints(FakeFields.Of(("customer.age", 40))));
    }

    [Fact]
    public void Missing_fields_take_the_default_points()
    {
        var engine = new ScorecardEngine(Card);
        Assert.Equal(5, engine.RawPoints(new FakeFields()));
        Assert.Equal(0, Score(Card, new FakeFields()));
        Assert.Equal(0, ScoringEngines.Create(AlgorithmModelType.Scorecard, Card).Score(new ScoringCandidate("o1"), LearnedState.Empty, new SeededRandomSource(1)).Value);
    }

    [Fact]
    public void Equals_matches_exact_kind_and_case()
    {
        var engine = new ScorecardEngine(Card);
        Assert.Equal(5, engine.RawPoints(FakeFields.Of(("customer.tier", "Gold"))));
        Assert.Equal(15, engine.RawPoints(FakeFields.Of(("customer.tier", "silver"))));
    }

    [Fact]
    public void A_linear_factor_adds_weight_times_value_within_an_explicit_range()
    {
        var config = new AlgorithmModelConfig
        {
            Factors = [new() { Field = "attributes.propensityScores.cards", Weight = 100 }],
            MinScore = 0,
            MaxScore = 100,
        };
        Assert.Null(new AlgorithmModelConfig { Factors = config.Factors }.ScorecardRange());
        Assert.Equal(0.82, Score(config, FakeFields.Of(("attributes.propensityScores.cards", 0.82))), 12);
        Assert.Equal(1, Score(config, FakeFields.Of(("attributes.propensityScores.cards", 3))));
    }

    [Fact]
    public void An_explicit_range_overrides_the_derived_one()
    {
        var config = Card with { MinScore = 0, MaxScore = 100 };
        Assert.Equal(0.65, Score(config, FakeFields.Of(("customer.age", 30), ("customer.tier", "gold"), ("attributes.income", 60_000))), 12);
    }

    [Fact]
    public void Negative_points_lower_the_range()
    {
        var config = new AlgorithmModelConfig { Factors = [new() { Field = "customer.churned", Bins = [new() { EqualTo = Json("true"), Points = -50 }], DefaultPoints = 50 }] };
        Assert.Equal((-50.0, 50.0), config.ScorecardRange());
        Assert.Equal(0, Score(config, FakeFields.Of(("customer.churned", true))));
        Assert.Equal(1, Score(config, FakeFields.Of(("customer.churned", false))));
    }
}
