using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kaireon.Core.Summaries;

/// <summary>
/// A rolling window of whole UTC days, read by summing the daily buckets it covers. The numeric value
/// is the day count; on the wire a window is <c>"1d"</c>, <c>"7d"</c>, … (see <see cref="SummaryWindows"/>).
/// <c>default</c> (0) is not a window.
/// </summary>
[JsonConverter(typeof(SummaryWindowJsonConverter))]
public enum SummaryWindow
{
    OneDay = 1,
    SevenDays = 7,
    FourteenDays = 14,
    ThirtyDays = 30,
    NinetyDays = 90,
}

/// <summary>The wire form of <see cref="SummaryWindow"/>: the day count and <c>d</c>.</summary>
public static class SummaryWindows
{
    private static readonly FrozenDictionary<string, SummaryWindow> ByName =
        Enum.GetValues<SummaryWindow>().ToFrozenDictionary(Format, StringComparer.Ordinal);

    /// <summary>The allowed wire values, shortest first: <c>1d, 7d, 14d, 30d, 90d</c>.</summary>
    public static string Allowed { get; } = string.Join(", ", Enum.GetValues<SummaryWindow>().Select(Format));

    /// <summary>How many UTC days the window covers, today included.</summary>
    public static int Days(this SummaryWindow window) => (int)window;

    public static string Format(this SummaryWindow window) => $"{(int)window}d";

    /// <summary>Exactly <c>"1d"</c>, <c>"7d"</c>, <c>"14d"</c>, <c>"30d"</c> or <c>"90d"</c>; nothing else (no <c>"07d"</c>, no <c>"7D"</c>).</summary>
    public static bool TryParse(string? text, out SummaryWindow window) =>
        ByName.TryGetValue(text ?? "", out window);

    public static SummaryWindow Parse(string text) =>
        TryParse(text, out var window) ? window : throw new FormatException($"'{text}' is not a window: must be one of {Allowed}.");
}

/// <summary>A window on the wire and in documents: <c>"7d"</c>; an unknown one fails listing the allowed.</summary>
public sealed class SummaryWindowJsonConverter : JsonConverter<SummaryWindow>
{
    public override SummaryWindow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && SummaryWindows.TryParse(reader.GetString(), out var window)
            ? window
            : throw new JsonException($"must be one of {SummaryWindows.Allowed}.");

    public override void Write(Utf8JsonWriter writer, SummaryWindow value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Format());
}
