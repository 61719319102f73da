using System.Text.Json;
using Kaireon.Core.Channels;
using Kaireon.Core.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Tests.Validation;

public sealed class ValidationErrorsTests
{
    [Fact]
    public void Every_bad_field_is_collected_under_its_path()
    {
        var errors = new ValidationErrors();
        errors.RequiredText("name", "  ", 10);
        errors.Range("placements[2].limit", 51, 1, 50);
        errors.Range("weight", 50.0, 0, 100);
        errors.Text("description", new string('x', 11), 10);

        Assert.Equal(["description", "name", "placements[2].limit"], errors.ToDictionary().Keys.Order());
        Assert.Contains("between 1 and 50", errors.ToDictionary()["placements[2].limit"][0]);
    }

    [Fact]
    public void NaN_is_out_of_every_range()
    {
        var errors = new ValidationErrors();
        errors.Range("weight", double.NaN, 0, 100);
        Assert.True(errors.Any);
    }

    [Fact]
    public void Enum_values_are_snake_case_and_unknown_ones_list_the_allowed()
    {
        var json = JsonSerializer.Serialize(new Channel { Name = "x", Type = ChannelType.InApp }, KaireonJson.Default.Channel);
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"type":"fax"}""", KaireonJson.Default.Channel));

        Assert.Contains("\"type\":\"in_app\"", json);
        Assert.Contains("\"deliveryMode\":\"api\"", json);
        Assert.Contains("must be one of email, sms, web, push, in_app, webhook, whatsapp, direct_mail", error.Message);
    }
}
