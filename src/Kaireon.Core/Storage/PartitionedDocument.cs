using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kaireon.Core.Storage;

/// <summary>
/// A document in a <c>/pk</c>-partitioned container. Ids sort: day documents are
/// <c>day|2026-03-16</c>, so a window is one id-range query in one partition.
/// </summary>
/// <remarks>
/// <see cref="Etag"/> is set by the store on every write, quoted and opaque. The body is given
/// either as an element (<see cref="Body"/>) or as UTF-8 JSON text (<see cref="Utf8Body"/>), and
/// each is derived from the other on first use: a hot write serializes once and the store takes
/// the bytes as they are, and a read can deserialize from the bytes without building an element.
/// </remarks>
public sealed record PartitionedDocument
{
    private object? _body; // a boxed JsonElement: set or parsed whole, so racing readers see one or the other
    private ReadOnlyMemory<byte> _utf8Body;

    public required DocumentPartition Partition { get; init; }
    public required string Id { get; init; }
    public string Etag { get; init; } = "";

    /// <summary>The body as an element; one given as <see cref="Utf8Body"/> is parsed on first use.</summary>
    public JsonElement Body
    {
        get => _body is JsonElement body ? body : (JsonElement)(_body = Parse(_utf8Body));
        init => (_body, _utf8Body) = (value, default);
    }

    /// <summary>The body as UTF-8 JSON text: as given, or the raw text of <see cref="Body"/>.</summary>
    public ReadOnlyMemory<byte> Utf8Body
    {
        get => _utf8Body.IsEmpty ? JsonMarshal.GetRawUtf8Value(Body).ToArray() : _utf8Body;
        init => (_body, _utf8Body) = (null, value);
    }

    /// <summary>The body as a <typeparamref name="T"/>, from its UTF-8 text when that is what the document holds.</summary>
    public T? Deserialize<T>(JsonTypeInfo<T> json) =>
        _body is JsonElement body ? body.Deserialize(json) : JsonSerializer.Deserialize(_utf8Body.Span, json);

    private static JsonElement Parse(ReadOnlyMemory<byte> utf8Json)
    {
        if (utf8Json.IsEmpty) throw new InvalidOperationException("A partitioned document needs a Body or a Utf8Body.");
        var reader = new Utf8JsonReader(utf8Json.Span);
        return JsonElement.ParseValue(ref reader);
    }
}
