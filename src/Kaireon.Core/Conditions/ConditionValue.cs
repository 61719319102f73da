using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kaireon.Core.Conditions;

/// <summary>What an <see cref="IConditionData"/> field holds.</summary>
public enum ConditionValueKind : byte
{
    /// <summary>JSON null: evaluated exactly like a missing field.</summary>
    Null,
    Number,
    String,
    Bool,
    /// <summary>A UTC instant a caller already holds as a date (an interaction's timestamp): date operators read it without parsing.</summary>
    Instant,
    /// <summary>An object or array: present (<c>exists</c>, the wildcard) but comparable with nothing.</summary>
    Other,
}

/// <summary>
/// One field's value as the condition engine sees it: a number (double), a string, a bool, an
/// instant, or null. A 24-byte struct, so adapters hand values over without allocating; a string
/// is kept as it is and read as a number or a date only by the operator that needs it.
/// <c>default</c> is <see cref="Null"/>.
/// </summary>
/// <remarks>
/// A string read once for many leaves (<see cref="WithReadings"/>) carries its number or date
/// reading in the bits a string does not otherwise use: a cache, so equality ignores it.
/// </remarks>
[JsonConverter(typeof(ConditionValueJsonConverter))]
public readonly record struct ConditionValue
{
    private readonly long _bits;          // the double's bits, the bool (0/1), the instant's UTC ticks, or a string's reading
    private readonly object? _reference;  // the string, or the boxed JsonElement of an Other
    private readonly StringReadings _readings;

    private ConditionValue(ConditionValueKind kind, long bits, object? reference, StringReadings readings = StringReadings.None)
    {
        Kind = kind;
        _bits = bits;
        _reference = reference;
        _readings = readings;
    }

    public ConditionValueKind Kind { get; }

    public static ConditionValue Null => default;

    public static ConditionValue From(double number) => new(ConditionValueKind.Number, BitConverter.DoubleToInt64Bits(number), null);

    public static ConditionValue From(decimal number) => From((double)number);

    public static ConditionValue From(long number) => From((double)number);

    public static ConditionValue From(bool value) => new(ConditionValueKind.Bool, value ? 1 : 0, null);

    /// <summary>A string; null gives <see cref="Null"/>.</summary>
    public static ConditionValue From(string? text) => text is null ? Null : new(ConditionValueKind.String, 0, text);

    /// <summary>An instant, compared by date operators in UTC; <c>is</c> does not equate it with a string.</summary>
    public static ConditionValue From(DateTimeOffset instant) => new(ConditionValueKind.Instant, instant.UtcTicks, null);

    /// <summary>
    /// A JSON value as it is: numbers as doubles, strings as strings (the one allocation of a JSON
    /// read), objects and arrays as <see cref="ConditionValueKind.Other"/>.
    /// </summary>
    public static ConditionValue FromJson(JsonElement json) => json.ValueKind switch
    {
        // A number beyond double's range is present but comparable with nothing, rather than a throw mid-stream.
        JsonValueKind.Number => json.TryGetDouble(out var number) && double.IsFinite(number) ? From(number) : new(ConditionValueKind.Other, 0, json),
        JsonValueKind.String => From(json.GetString()),
        JsonValueKind.True => From(true),
        JsonValueKind.False => From(false),
        JsonValueKind.Object or JsonValueKind.Array => new(ConditionValueKind.Other, 0, json),
        _ => Null,
    };

    /// <summary>True for <see cref="ConditionValueKind.Null"/>, which the engine treats as a missing field.</summary>
    public bool IsNull => Kind == ConditionValueKind.Null;

    public double Number => Kind == ConditionValueKind.Number ? BitConverter.Int64BitsToDouble(_bits) : double.NaN;

    public string? Text => _reference as string;

    public bool Bool => Kind == ConditionValueKind.Bool && _bits != 0;

    /// <summary>UTC ticks of an <see cref="ConditionValueKind.Instant"/>; 0 otherwise.</summary>
    public long InstantTicks => Kind == ConditionValueKind.Instant ? _bits : 0;

    /// <summary>A number, or a string that reads as a finite invariant-culture number (<c>"80"</c>, <c>"-1.5e3"</c>).</summary>
    public bool TryGetNumber(out double number)
    {
        switch (Kind)
        {
            case ConditionValueKind.Number:
                number = BitConverter.Int64BitsToDouble(_bits);
                return true;
            case ConditionValueKind.String when (_readings & StringReadings.NumberRead) != 0:
                var isNumber = (_readings & StringReadings.IsNumber) != 0;
                number = isNumber ? BitConverter.Int64BitsToDouble(_bits) : 0;
                return isNumber;
            case ConditionValueKind.String:
                return TryParseNumber((string)_reference!, out number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>An instant, or a string in one of design §6's date shapes (with any offset): UTC ticks, a bare day as its midnight.</summary>
    public bool TryGetDate(out long utcTicks)
    {
        switch (Kind)
        {
            case ConditionValueKind.Instant:
                utcTicks = _bits;
                return true;
            case ConditionValueKind.String when (_readings & StringReadings.DateRead) != 0:
                var isDate = (_readings & StringReadings.IsDate) != 0;
                utcTicks = isDate ? _bits : 0;
                return isDate;
            case ConditionValueKind.String:
                return TryReadDate((string)_reference!, out utcTicks);
            default:
                utcTicks = 0;
                return false;
        }
    }

    /// <summary>
    /// This value with a string's number and date readings made now, so leaves reading it many times
    /// (every behaviour of a verb against one event) parse it once. Other kinds need no reading.
    /// </summary>
    public ConditionValue WithReadings(bool number, bool date)
    {
        if (Kind != ConditionValueKind.String || !(number || date)) return this;
        var text = (string)_reference!;
        // No text is both a number and a date (a date has a '-' after four digits), so the one reading fits in the bits.
        if (number && TryParseNumber(text, out var parsed))
            return new(Kind, BitConverter.DoubleToInt64Bits(parsed), text, StringReadings.NumberRead | StringReadings.IsNumber | StringReadings.DateRead);
        if (date && TryReadDate(text, out var ticks))
            return new(Kind, ticks, text, StringReadings.DateRead | StringReadings.IsDate | StringReadings.NumberRead);
        return new(Kind, 0, text, (number ? StringReadings.NumberRead : 0) | (date ? StringReadings.DateRead : 0));
    }

    private static bool TryReadDate(string text, out long utcTicks) => ConditionDates.TryParse(text, allowOffset: true, out utcTicks, out _);

    /// <summary>The one reading of "numeric string" everywhere: no spaces, no thousands separators, finite.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double number) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    internal JsonElement? OtherJson => _reference is JsonElement json ? json : null;

    /// <summary>Equal kind and value; a string's readings are a cache, not part of its value.</summary>
    public bool Equals(ConditionValue other) =>
        Kind == other.Kind && (Kind == ConditionValueKind.String || _bits == other._bits) && Equals(_reference, other._reference);

    public override int GetHashCode() => HashCode.Combine(Kind, Kind == ConditionValueKind.String ? 0 : _bits, _reference);

    public override string ToString() => Kind switch
    {
        ConditionValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        ConditionValueKind.String => Text!,
        ConditionValueKind.Bool => Bool ? "true" : "false",
        ConditionValueKind.Instant => new DateTime(_bits, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
        ConditionValueKind.Other => OtherJson?.GetRawText() ?? "",
        _ => "null",
    };
}

/// <summary>Which readings of a string a <see cref="ConditionValue"/> already made, and what they found.</summary>
[Flags]
internal enum StringReadings : byte
{
    None = 0,
    NumberRead = 1,
    IsNumber = 2,
    DateRead = 4,
    IsDate = 8,
}

/// <summary>A value in a trace as JSON: <c>90</c>, <c>"gold"</c>, <c>true</c>, an instant as ISO 8601 UTC.</summary>
public sealed class ConditionValueJsonConverter : JsonConverter<ConditionValue>
{
    public override ConditionValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return ConditionValue.FromJson(document.RootElement.Clone());
    }

    public override void Write(Utf8JsonWriter writer, ConditionValue value, JsonSerializerOptions options)
    {
        switch (value.Kind)
        {
            case ConditionValueKind.Number: writer.WriteNumberValue(value.Number); break;
            case ConditionValueKind.String: writer.WriteStringValue(value.Text); break;
            case ConditionValueKind.Bool: writer.WriteBooleanValue(value.Bool); break;
            case ConditionValueKind.Instant: writer.WriteStringValue(value.ToString()); break;
            case ConditionValueKind.Other when value.OtherJson is { } json: json.WriteTo(writer); break;
            default: writer.WriteNullValue(); break;
        }
    }
}
