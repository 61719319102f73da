using System.Text.Json;

namespace Kaireon.Storage.Cosmos;

/// <summary>Writes an item for the SDK's stream APIs, which take the JSON as is.</summary>
internal static class ItemJson
{
    public static MemoryStream Write(Action<Utf8JsonWriter> writeProperties)
    {
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }
        stream.Position = 0;
        return stream;
    }

    /// <summary>The item in a point read's response; a copy that outlives the response.</summary>
    public static async Task<JsonElement> ReadAsync(Stream content, CancellationToken ct)
    {
        using var json = await JsonDocument.ParseAsync(content, cancellationToken: ct);
        return json.RootElement.Clone();
    }
}
