using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kaireon.Core.Interactions;

/// <summary>
/// A UTC calendar day: the unit of every bucket. An instant belongs to the day its UTC date names,
/// whatever offset it was written with.
/// </summary>
[JsonConverter(typeof(UtcDayJsonConverter))]
public readonly record struct UtcDay(DateOnly Date) : IComparable<UtcDay>
{
    public static UtcDay Of(DateTimeOffset instant) => new(DateOnly.FromDateTime(instant.UtcDateTime));

    /// <summary>The day document id, <c>day|2026-03-16</c>: ids sort as days do, so a window is an id range.</summary>
    public string DocumentId => Formatted().DocumentId;

    /// <summary>What every day document id starts with.</summary>
    public const string DocumentPrefix = "day|";

    public UtcDay AddDays(int days) => new(Date.AddDays(days));

    /// <summary>The day written <c>yyyy-MM-dd</c>, as <see cref="ToString"/> writes it.</summary>
    public static UtcDay Parse(string text) => new(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>
    /// The window of <paramref name="days"/> UTC days ending with this one, this one included:
    /// <c>7d</c> read on March 16 covers March 10–16.
    /// </summary>
    public (UtcDay First, UtcDay Last) WindowEndingHere(int days) => (AddDays(1 - days), this);

    public int CompareTo(UtcDay other) => Date.CompareTo(other.Date);

    public static bool operator <(UtcDay left, UtcDay right) => left.CompareTo(right) < 0;
    public static bool operator <=(UtcDay left, UtcDay right) => left.CompareTo(right) <= 0;
    public static bool operator >(UtcDay left, UtcDay right) => left.CompareTo(right) > 0;
    public static bool operator >=(UtcDay left, UtcDay right) => left.CompareTo(right) >= 0;

    public override string ToString() => Formatted().Text;

    // Nearly every event of a stream batch is of the same day (today): its text is formatted once, not
    // once or twice per event and document. One day at a time, swapped whole, so readers never see half of one.
    private static Formats? _last;

    private Formats Formatted()
    {
        var last = _last;
        if (last is not null && last.DayNumber == Date.DayNumber) return last;
        var text = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return _last = new Formats(Date.DayNumber, text, DocumentPrefix + text);
    }

    private sealed record Formats(int DayNumber, string Text, string DocumentId);
}

/// <summary>A day on the wire and in documents: <c>"2026-03-16"</c>.</summary>
public sealed class UtcDayJsonConverter : JsonConverter<UtcDay>
{
    public override UtcDay Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new UtcDay(date)
            : throw new JsonException("must be a date, yyyy-MM-dd.");

    public override void Write(Utf8JsonWriter writer, UtcDay value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
