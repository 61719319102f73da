using System.Text.Json;
using Kaireon.Core.Json;
using Kaireon.Core.Summaries;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tests.Summaries;

public sealed class SummaryDefinitionTests
{
    private static readonly SummaryDefinition Valid = new()
    {
        Name = "Creative Placement Performance",
        Description = "Tracks creative performance by placement type and outcome",
        Dimensions = [SummaryDimension.CreativeId, SummaryDimension.PlacementType, SummaryDimension.OutcomeKey],
        Aggregates = [SummaryAggregate.Count, SummaryAggregate.SumValue, SummaryAggregate.LastContact],
        Windows = [SummaryWindow.OneDay, SummaryWindow.SevenDays, SummaryWindow.ThirtyDays],
    };

    private static IDictionary<string, string[]> Errors(SummaryDefinition definition)
    {
        var errors = new ValidationErrors();
        SummaryDefinition.Kind.Validate(definition, errors);
        return errors.ToDictionary();
    }

    [Fact]
    public void The_spec_example_is_valid() => Assert.Empty(Errors(Valid));

    [Fact]
    public void Every_system_default_is_valid() => Assert.All(SummaryDefinition.Defaults, d => Assert.Empty(Errors(d)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_name_is_named(string? name) => Assert.Equal(["name"], Errors(Valid with { Name = name }).Keys);

    [Fact]
    public void Name_is_1_to_100_characters()
    {
        Assert.Empty(Errors(Valid with { Name = "x" }));
        Assert.Empty(Errors(Valid with { Name = new string('x', 100) }));
        Assert.Equal(["name"], Errors(Valid with { Name = new string('x', 101) }).Keys);
    }

    [Fact]
    public void Description_is_optional_and_at_most_500_characters()
    {
        Assert.Empty(Errors(Valid with { Description = null }));
        Assert.Empty(Errors(Valid with { Description = new string('x', 500) }));
        Assert.Equal(["description"], Errors(Valid with { Description = new string('x', 501) }).Keys);
    }

    [Fact]
    public void Missing_or_empty_lists_are_named_with_the_allowed_values()
    {
        var missing = Errors(Valid with { Dimensions = null, Aggregates = null, Windows = null });
        var empty = Errors(Valid with { Dimensions = [], Aggregates = [], Windows = [] });

        Assert.Equal(["aggregates", "dimensions", "windows"], missing.Keys.Order());
        Assert.Equal(["aggregates", "dimensions", "windows"], empty.Keys.Order());
        Assert.Contains("offer_id, creative_id, category_id, sub_category_id, channel_id, placement_type, direction, outcome_key", missing["dimensions"][0]);
        Assert.Contains("count, sum_value, last_contact, distinct_offers", missing["aggregates"][0]);
        Assert.Contains("1d, 7d, 14d, 30d, 90d", empty["windows"][0]);
    }

    [Fact]
    public void A_repeated_value_is_named_by_its_index()
    {
        var errors = Errors(Valid with
        {
            Dimensions = [SummaryDimension.OfferId, SummaryDimension.ChannelId, SummaryDimension.OfferId],
            Aggregates = [SummaryAggregate.Count, SummaryAggregate.Count],
            Windows = [SummaryWindow.SevenDays, SummaryWindow.SevenDays],
        });

        Assert.Equal(["aggregates[1]", "dimensions[2]", "windows[1]"], errors.Keys.Order());
        Assert.Contains("'offer_id'", errors["dimensions[2]"][0]);
        Assert.Contains("'7d'", errors["windows[1]"][0]);
    }

    [Fact]
    public void Undefined_enum_values_are_named_by_their_index()
    {
        var errors = Errors(Valid with
        {
            Dimensions = [(SummaryDimension)99],
            Aggregates = [SummaryAggregate.Count, (SummaryAggregate)99],
            Windows = [(SummaryWindow)3],
        });

        Assert.Equal(["aggregates[1]", "dimensions[0]", "windows[0]"], errors.Keys.Order());
    }

    [Fact]
    public void Every_field_is_named_at_once()
    {
        var errors = Errors(new SummaryDefinition { Description = new string('x', 501) });
        Assert.Equal(["aggregates", "description", "dimensions", "name", "windows"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("1d", SummaryWindow.OneDay, 1)]
    [InlineData("7d", SummaryWindow.SevenDays, 7)]
    [InlineData("14d", SummaryWindow.FourteenDays, 14)]
    [InlineData("30d", SummaryWindow.ThirtyDays, 30)]
    [InlineData("90d", SummaryWindow.NinetyDays, 90)]
    public void Windows_parse_format_and_count_days(string text, SummaryWindow window, int days)
    {
        Assert.True(SummaryWindows.TryParse(text, out var parsed));
        Assert.Equal(window, parsed);
        Assert.Equal(window, SummaryWindows.Parse(text));
        Assert.Equal(text, window.Format());
        Assert.Equal(days, window.Days());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("7D")]
    [InlineData("07d")]
    [InlineData("2d")]
    [InlineData("seven_days")]
    [InlineData(" 7d")]
    public void Anything_else_is_not_a_window(string? text)
    {
        Assert.False(SummaryWindows.TryParse(text, out _));
        if (text is not null) Assert.Throws<FormatException>(() => SummaryWindows.Parse(text));
    }

    [Fact]
    public void The_wire_form_matches_the_spec_example()
    {
        var json = JsonSerializer.Serialize(Valid with { Id = "sd_creative_placement" }, KaireonJson.Default.SummaryDefinition);
        var back = JsonSerializer.Deserialize(json, KaireonJson.Default.SummaryDefinition)!;

        Assert.Contains("\"dimensions\":[\"creative_id\",\"placement_type\",\"outcome_key\"]", json);
        Assert.Contains("\"aggregates\":[\"count\",\"sum_value\",\"last_contact\"]", json);
        Assert.Contains("\"windows\":[\"1d\",\"7d\",\"30d\"]", json);
        Assert.Contains("\"isSystemDefault\":false", json);
        Assert.DoesNotContain("version", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Valid.Windows, back.Windows);
        Assert.Equal(Valid.Dimensions, back.Dimensions);
    }

    [Theory]
    [InlineData("""{"dimensions":["offer_id","bogus"]}""", "$.dimensions[1]", "offer_id, creative_id")]
    [InlineData("""{"aggregates":["avg"]}""", "$.aggregates[0]", "count, sum_value, last_contact, distinct_offers")]
    [InlineData("""{"windows":["7d","2w"]}""", "$.windows[1]", "1d, 7d, 14d, 30d, 90d")]
    [InlineData("""{"windows":[7]}""", "$.windows[0]", "1d, 7d, 14d, 30d, 90d")]
    public void Unknown_values_fail_on_read_listing_the_allowed(string json, string path, string allowed)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, KaireonJson.Default.SummaryDefinition));
        Assert.Equal(path, error.Path);
        Assert.Contains($"must be one of {allowed}", error.Message);
    }

    [Fact]
    public void The_defaults_are_the_specs_table()
    {
        string Shape(SummaryDefinition d) => string.Join(" | ",
            string.Join(",", d.Dimensions!.Select(SnakeCaseEnumConverter<SummaryDimension>.NameOf)),
            string.Join(",", d.Aggregates!.Select(SnakeCaseEnumConverter<SummaryAggregate>.NameOf)),
            string.Join(",", d.Windows!.Select(w => w.Format())));

        Assert.Equal(
            [
                "sd_offer_interactions Offer Interactions: offer_id,channel_id,outcome_key | count,sum_value,last_contact | 1d,7d,30d",
                "sd_category_outcomes Category Outcomes: category_id,outcome_key | count,sum_value,distinct_offers | 7d,30d,90d",
                "sd_channel_performance Channel Performance: channel_id,direction,outcome_key | count,sum_value,last_contact | 1d,7d,30d",
            ],
            SummaryDefinition.Defaults.Select(d => $"{d.Id} {d.Name}: {Shape(d)}"));
        Assert.All(SummaryDefinition.Defaults, d => Assert.True(d.IsSystemDefault));
    }

    [Fact]
    public void Normalize_sets_is_system_default_from_the_id_alone()
    {
        var normalize = SummaryDefinition.Kind.Normalize;
        Assert.False(normalize(Valid with { Id = "sd_mine", IsSystemDefault = true }).IsSystemDefault);
        Assert.True(normalize(Valid with { Id = "sd_offer_interactions", IsSystemDefault = false }).IsSystemDefault);
    }

    [Fact]
    public void Only_system_defaults_are_undeletable()
    {
        var kind = SummaryDefinition.Kind;
        Assert.Null(kind.UndeletableReason(kind.Normalize(Valid with { Id = "sd_mine" })));
        Assert.Contains("system default", kind.UndeletableReason(SummaryDefinition.Defaults[0]));
    }
}
