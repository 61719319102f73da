using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kaireon.Core.Metrics;

/// <summary>
/// A metric's bucket for one group on one day: how many interactions carried the source field, its
/// sum, minimum and maximum, and (for <c>ratio</c>) the sum of the denominator field. Cells add, so a
/// window is the merge of its days' cells.
/// </summary>
[JsonConverter(typeof(MetricCellJsonConverter))]
public sealed class MetricCell
{
    public long Count { get; set; }
    public decimal Sum { get; set; }
    public decimal? Min { get; set; }
    public decimal? Max { get; set; }
    public decimal Denominator { get; set; }

    public void AddSource(decimal value)
    {
        Count++;
        Sum += value;
        Min = Min is { } min ? Math.Min(min, value) : value;
        Max = Max is { } max ? Math.Max(max, value) : value;
    }

    public void Merge(MetricCell other)
    {
        Count += other.Count;
        Sum += other.Sum;
        Denominator += other.Denominator;
        if (other.Min is { } otherMin) Min = Min is { } min ? Math.Min(min, otherMin) : otherMin;
        if (other.Max is { } otherMax) Max = Max is { } max ? Math.Max(max, otherMax) : otherMax;
    }

    public MetricCell Clone() => new() { Count = Count, Sum = Sum, Min = Min, Max = Max, Denominator = Denominator };

    /// <summary>The metric's function of this cell; nothing to divide by or no value seen → null, never NaN.</summary>
    public decimal? Value(AggregateFunction function) => function switch
    {
        AggregateFunction.Count => Count,
        AggregateFunction.Sum => Sum,
        AggregateFunction.Avg => Count == 0 ? null : Sum / Count,
        AggregateFunction.Min => Min,
        AggregateFunction.Max => Max,
        AggregateFunction.Ratio => Denominator == 0 ? null : Sum / Denominator,
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, null),
    };
}

/// <summary>
/// A cell as a five-number array <c>[count, sum, min, max, denominator]</c>: a customer's book holds
/// thousands of cells, and reading it is on the decision path, so its text is kept small.
/// </summary>
public sealed class MetricCellJsonConverter : JsonConverter<MetricCell>
{
    public override MetricCell Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("A metric cell is an array [count, sum, min, max, denominator].");
        var cell = new MetricCell();
        reader.Read();
        cell.Count = reader.GetInt64();
        reader.Read();
        cell.Sum = reader.GetDecimal();
        reader.Read();
        cell.Min = reader.TokenType == JsonTokenType.Null ? null : reader.GetDecimal();
        reader.Read();
        cell.Max = reader.TokenType == JsonTokenType.Null ? null : reader.GetDecimal();
        reader.Read();
        cell.Denominator = reader.GetDecimal();
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException("A metric cell has five numbers.");
        return cell;
    }

    public override void Write(Utf8JsonWriter writer, MetricCell value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.Count);
        writer.WriteNumberValue(value.Sum);
        if (value.Min is { } min) writer.WriteNumberValue(min); else writer.WriteNullValue();
        if (value.Max is { } max) writer.WriteNumberValue(max); else writer.WriteNullValue();
        writer.WriteNumberValue(value.Denominator);
        writer.WriteEndArray();
    }
}
