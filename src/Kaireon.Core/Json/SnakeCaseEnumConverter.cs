using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kaireon.Core.Json;

/// <summary>
/// Enum values on the wire are snake_case (<c>in_app</c>, <c>not_starts_with</c>). An unknown value
/// fails with a message that lists the allowed ones, which the API passes on under the field's path.
/// </summary>
public sealed class SnakeCaseEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<string, T> ByName =
        Enum.GetValues<T>().ToFrozenDictionary(v => NameOf(v), StringComparer.Ordinal);

    private static readonly FrozenDictionary<T, string> Names =
        Enum.GetValues<T>().ToFrozenDictionary(v => v, NameOf);

    /// <summary>The allowed wire values, in declaration order.</summary>
    public static string Allowed { get; } = string.Join(", ", Enum.GetValues<T>().Select(NameOf));

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value)) return value;
        throw new JsonException($"must be one of {Allowed}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Names[value]);

    public static string NameOf(T value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
