using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Kaireon.Functions.Hosting.Invocations;

/// <summary>
/// What the Functions host posts to <c>POST /{FunctionName}</c>: <c>{ "Data": { binding: value },
/// "Metadata": { name: value } }</c> (design §2). Keys are matched case-insensitively, as the host does.
/// </summary>
/// <remarks>Values are kept as sent; use <see cref="GetData{T}"/> and <see cref="GetMetadata{T}"/> to read them decoded.</remarks>
public sealed record FunctionInvocation
{
    public required IReadOnlyDictionary<string, JsonElement> Data { get; init; }
    public required IReadOnlyDictionary<string, JsonElement> Metadata { get; init; }

    /// <summary>The binding value decoded (see <see cref="EncodedJson"/>), or <c>null</c> when absent.</summary>
    public JsonElement? GetData(string name) => Data.TryGetValue(name, out var value) ? EncodedJson.Decode(value) : null;

    /// <summary>The metadata value decoded (see <see cref="EncodedJson"/>), or <c>null</c> when absent.</summary>
    public JsonElement? GetMetadata(string name) => Metadata.TryGetValue(name, out var value) ? EncodedJson.Decode(value) : null;

    /// <summary>The binding value as <typeparamref name="T"/>, or <c>default</c> when absent.</summary>
    public T? GetData<T>(string name, JsonTypeInfo<T> typeInfo) =>
        Data.TryGetValue(name, out var value) ? EncodedJson.Read(value, typeInfo) : default;

    /// <summary>The metadata value as <typeparamref name="T"/>, or <c>default</c> when absent.</summary>
    public T? GetMetadata<T>(string name, JsonTypeInfo<T> typeInfo) =>
        Metadata.TryGetValue(name, out var value) ? EncodedJson.Read(value, typeInfo) : default;

    /// <summary>Reads an envelope; a missing or null <c>Data</c>/<c>Metadata</c> reads as empty.</summary>
    /// <exception cref="JsonException">The body is not a JSON object.</exception>
    public static async Task<FunctionInvocation> ReadAsync(Stream body, CancellationToken ct)
    {
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        return FromJson(document.RootElement);
    }

    /// <inheritdoc cref="ReadAsync"/>
    public static FunctionInvocation FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new JsonException("An invocation body is a JSON object with Data and Metadata.");

        Dictionary<string, JsonElement> data = new(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, JsonElement> metadata = new(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.Equals("Data", StringComparison.OrdinalIgnoreCase))
                CopyObject(property.Value, data);
            else if (property.Name.Equals("Metadata", StringComparison.OrdinalIgnoreCase))
                CopyObject(property.Value, metadata);
        }

        return new FunctionInvocation { Data = data, Metadata = metadata };
    }

    private static void CopyObject(JsonElement source, Dictionary<string, JsonElement> target)
    {
        if (source.ValueKind != JsonValueKind.Object)
            return;

        foreach (var property in source.EnumerateObject())
            target[property.Name] = property.Value.Clone();
    }
}
