using System.Text.Json;
using Kaireon.Functions.Hosting.Invocations;

namespace Kaireon.Functions.Tests.Invocations;

/// <summary>Values the host sends as strings holding JSON, and the same values already decoded (design §2).</summary>
public sealed class EncodedJsonTests
{
    private static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement;

    [Theory]
    [InlineData("\"[4711,4712]\"", "[4711,4712]")]
    [InlineData("\"\\\"c-1001\\\"\"", "\"c-1001\"")]
    [InlineData("\"4\"", "4")]
    [InlineData("\"true\"", "true")]
    [InlineData("\"null\"", "null")]
    [InlineData("[4711,4712]", "[4711,4712]")]
    [InlineData("{\"PartitionId\":\"3\"}", "{\"PartitionId\":\"3\"}")]
    [InlineData("\"ping\"", "\"ping\"")]
    [InlineData("\"{not json\"", "\"{not json\"")]
    [InlineData("\"\"", "\"\"")]
    public void Decode_removes_one_level_of_encoding_when_there_is_one(string sent, string expected)
    {
        Assert.Equal(expected, EncodedJson.Decode(Element(sent)).GetRawText());
    }

    [Theory]
    [InlineData("\"\\\"c-1001\\\"\"", "c-1001")]
    [InlineData("\"c-1001\"", "c-1001")]
    [InlineData("\"\\\"3\\\"\"", "3")]
    [InlineData("\"3\"", "3")]
    [InlineData("\"ping\"", "ping")]
    public void Strings_read_the_same_encoded_or_not(string sent, string expected)
    {
        Assert.Equal(expected, EncodedJson.Read(Element(sent), InvocationJsonContext.Default.String));
    }

    [Theory]
    [InlineData("\"[4711,4712,4713]\"")]
    [InlineData("[4711,4712,4713]")]
    public void Arrays_read_the_same_encoded_or_not(string sent)
    {
        Assert.Equal([4711L, 4712L, 4713L], EncodedJson.Read(Element(sent), InvocationJsonContext.Default.Int64Array)!);
    }

    [Fact]
    public void A_string_that_is_not_the_requested_type_fails_loudly()
    {
        Assert.ThrowsAny<JsonException>(() => EncodedJson.Read(Element("\"ping\""), InvocationJsonContext.Default.Int64Array));
    }
}
