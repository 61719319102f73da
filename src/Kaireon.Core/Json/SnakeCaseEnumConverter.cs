using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kaireon.Core.Json;

/// <summary>
/// Enum values on the wire are snake_case (<c>in_app</c>, <c>not_starts_with</c>). An unknown value
/// fails with a message that lists the allowed ones, which the API passes on under the field's path.
/// </summary>
public sealed class SnakeCaseEnumConverter<T> : NamedEnumConverter<T> where T : struct, Enum
{
    private static readonly EnumNames<T> Names = new(JsonNamingPolicy.SnakeCaseLower);

    public SnakeCaseEnumConverter() : base(Names) { }

    /// <summary>The allowed wire values, in declaration order.</summary>
    public static string Allowed => Names.Allowed;

    public static string NameOf(T value) => Names.NameOf(value);
}

/// <summary>
/// Enum values written camelCase (<c>totalValue</c>, <c>offerId</c>): where the spec names values
/// after fields, as the behavioral-metric source fields and dimensions do.
/// </summary>
public sealed class CamelCaseEnumConverter<T> : NamedEnumConverter<T> where T : struct, Enum
{
    private static readonly EnumNames<T> Names = new(JsonNamingPolicy.CamelCase);

    public CamelCaseEnumConverter() : base(Names) { }

    public static string Allowed => Names.Allowed;

    public static string NameOf(T value) => Names.NameOf(value);

    public static bool TryParse(string? name, out T value) => Names.TryParse(name, out value);
}

/// <summary>The wire names of an enum's values under one naming policy.</summary>
public sealed class EnumNames<T> where T : struct, Enum
{
    private readonly FrozenDictionary<string, T> _byName;
    private readonly FrozenDictionary<T, string> _names;

    public EnumNames(JsonNamingPolicy policy)
    {
        _names = Enum.GetValues<T>().ToFrozenDictionary(v => v, v => policy.ConvertName(v.ToString()));
        _byName = _names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        Allowed = string.Join(", ", Enum.GetValues<T>().Select(v => _names[v]));
    }

    public string Allowed { get; }

    public string NameOf(T value) => _names[value];

    public bool TryParse(string? name, out T value) => _byName.TryGetValue(name ?? "", out value);
}

/// <summary>Reads and writes an enum by its <see cref="EnumNames{T}"/>; an unknown name lists the allowed ones.</summary>
public abstract class NamedEnumConverter<T>(EnumNames<T> names) : JsonConverter<T> where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && names.TryParse(reader.GetString(), out var value)) return value;
        throw new JsonException($"must be one of {names.Allowed}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(names.NameOf(value));
}
