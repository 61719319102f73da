using System.Text.Json;
using Kaireon.Core.Json;
using Kaireon.Core.Scoring;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tests.Scoring;

public sealed class ArbitrationProfileTests
{
    private static ArbitrationProfile Parse(string json) => JsonSerializer.Deserialize(json, KaireonJson.Default.ArbitrationProfile)!;

    private static IDictionary<string, string[]> Errors(ArbitrationProfile profile)
    {
        var errors = new ValidationErrors();
        ArbitrationProfile.Kind.Validate(profile, errors);
        return errors.ToDictionary();
    }

    [Fact]
    public void Omitted_weights_and_method_take_their_defaults()
    {
        var profile = Parse("""{ "name": "Balanced", "weights": { "margin": 0.5 } }""");
        Assert.Equal(ArbitrationMethod.WeightedAverage, profile.Method);
        Assert.Equal((1.0, 0.5, 0.0), (profile.Weights!.Conversion, profile.Weights.Margin, profile.Weights.Fatigue));
        Assert.Equal(1.0, Parse("""{ "name": "n" }""").Weights!.Conversion);
        Assert.Empty(Errors(profile));
    }

    [Fact]
    public void It_round_trips_with_a_snake_case_method()
    {
        var profile = Parse("""{ "name": "g", "method": "geometric", "weights": { "conversion": 2, "recency": 1 } }""");
        Assert.Equal(ArbitrationMethod.Geometric, profile.Method);
        var json = JsonSerializer.Serialize(profile, KaireonJson.Default.ArbitrationProfile);
        Assert.Contains("\"method\":\"geometric\"", json);
        Assert.Contains("\"weights\":{\"conversion\":2,\"margin\":0,\"fatigue\":0,\"fairness\":0,\"recency\":1}", json);
        Assert.Equal(json, JsonSerializer.Serialize(Parse(json), KaireonJson.Default.ArbitrationProfile));
        Assert.Equal(ArbitrationMethod.WeightedAverage, Parse("""{ "name": "w", "method": "weighted_average" }""").Method);
    }

    [Fact]
    public void Weights_are_0_to_100_and_named_by_path()
    {
        var errors = Errors(Parse("""{ "name": "", "weights": { "conversion": -1, "fairness": 101 } }"""));
        Assert.Equal(["name", "weights.conversion", "weights.fairness"], errors.Keys.Order());
        Assert.Equal(["weights"], Errors(new ArbitrationProfile { Name = "n", Weights = null }).Keys);
    }
}
