using System.Globalization;
using System.Text.Json;

namespace Kaireon.Core.Formulas;

public enum FormulaValueKind { Null, Number, String, Boolean }

/// <summary>
/// A value in the formula language: null, a number (a finite double), a string or a boolean.
/// A struct, so evaluating a formula allocates nothing unless it builds a string.
/// </summary>
/// <remarks><c>default</c> is <see cref="Null"/>. A number is never NaN or infinite: those become null.</remarks>
public readonly record struct FormulaValue
{
    private readonly double _number;
    private readonly string? _string;

    private FormulaValue(FormulaValueKind kind, double number, string? text)
    {
        Kind = kind;
        _number = number;
        _string = text;
    }

    public FormulaValueKind Kind { get; }

    public static FormulaValue Null => default;
    public static FormulaValue True { get; } = new(FormulaValueKind.Boolean, 1, null);
    public static FormulaValue False { get; } = new(FormulaValueKind.Boolean, 0, null);

    /// <summary>A number; NaN and ±∞ (an overflow, a 0/0 that slipped through) are null.</summary>
    public static FormulaValue Number(double value) =>
        double.IsFinite(value) ? new(FormulaValueKind.Number, value, null) : Null;

    public static FormulaValue String(string? value) => value is null ? Null : new(FormulaValueKind.String, 0, value);

    public static FormulaValue Boolean(bool value) => value ? True : False;

    public bool IsNull => Kind == FormulaValueKind.Null;

    /// <summary>True only for the boolean <c>true</c>: null, numbers and strings are not truthy.</summary>
    public bool IsTrue => Kind == FormulaValueKind.Boolean && _number != 0;

    public bool TryGetNumber(out double value)
    {
        value = _number;
        return Kind == FormulaValueKind.Number;
    }

    public bool TryGetString(out string value)
    {
        value = _string ?? "";
        return Kind == FormulaValueKind.String;
    }

    public bool TryGetBoolean(out bool value)
    {
        value = _number != 0;
        return Kind == FormulaValueKind.Boolean;
    }

    /// <summary>The number, or null for any other kind.</summary>
    public double? AsNumber() => Kind == FormulaValueKind.Number ? _number : null;

    /// <summary>
    /// A JSON scalar as a formula value. Objects and arrays have no formula value: null. A number
    /// outside the double range is null too.
    /// </summary>
    public static FormulaValue FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetDouble(out var d) ? Number(d) : Null,
        JsonValueKind.String => String(element.GetString()),
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        _ => Null,
    };

    /// <summary>
    /// The value at <paramref name="path"/> inside a JSON object (<c>["propensityScores", "cards"]</c>),
    /// or null when a step is missing or not an object. Property names match exactly.
    /// </summary>
    public static FormulaValue FromJson(JsonElement element, ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return Null;
        }
        return FromJson(element);
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Kind)
        {
            case FormulaValueKind.Number: writer.WriteNumberValue(_number); break;
            case FormulaValueKind.String: writer.WriteStringValue(_string); break;
            case FormulaValueKind.Boolean: writer.WriteBooleanValue(_number != 0); break;
            default: writer.WriteNullValue(); break;
        }
    }

    /// <summary>The text <c>concat</c> uses: numbers in invariant shortest round-trip form, <c>true</c>/<c>false</c>, null as empty.</summary>
    public override string ToString() => Kind switch
    {
        FormulaValueKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        FormulaValueKind.String => _string!,
        FormulaValueKind.Boolean => _number != 0 ? "true" : "false",
        _ => "",
    };
}
