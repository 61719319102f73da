using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// Reads values the Functions host JSON-encodes a second time: every scalar or array in
/// <c>Metadata</c> and in non-HTTP <c>Data</c> arrives as a string holding JSON
/// (<c>"[4711,4712]"</c>, <c>"\"c-1001\""</c>), objects arrive as objects (design §2).
/// </summary>
/// <remarks>
/// Values that are already decoded are accepted too (fixture <c>eventhub-many-string.json</c>):
/// a string whose text is not JSON (<c>"ping"</c>) stays the string it is, and when the decoded
/// form does not fit the requested type the value is read as it came.
/// </remarks>
public static class EncodedJson
{
    /// <summary>The value with one level of JSON-in-a-string removed, or the value itself.</summary>
    public static JsonElement Decode(JsonElement value) => TryDecode(value, out var decoded) ? decoded : value;

    /// <summary>Reads <paramref name="value"/> as <typeparamref name="T"/>, decoding it first when it is a string holding JSON.</summary>
    /// <exception cref="JsonException">Neither the decoded nor the raw value is a <typeparamref name="T"/>.</exception>
    public static T? Read<T>(JsonElement value, JsonTypeInfo<T> typeInfo)
    {
        if (!TryDecode(value, out var decoded))
            return value.Deserialize(typeInfo);

        try
        {
            return decoded.Deserialize(typeInfo);
        }
        catch (JsonException)
        {
            // An already-decoded string that merely looks like JSON ("3" wanted as a string).
            return value.Deserialize(typeInfo);
        }
    }

    private static bool TryDecode(JsonElement value, out JsonElement decoded)
    {
        decoded = default;
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { } text || !MayBeJson(text))
            return false;

        try
        {
            using var document = JsonDocument.Parse(text);
            decoded = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Cheap pre-check so plain text such as event body "ping" costs no exception.
    private static bool MayBeJson(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty)
            return false;

        var first = trimmed[0];
        return first is '{' or '[' or '"' or '-' or 't' or 'f' or 'n' || char.IsAsciiDigit(first);
    }
}
