using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kaireon.Storage.Sqlite;

[JsonSerializable(typeof(string[]))]
internal sealed partial class SqliteJson : JsonSerializerContext
{
    /// <summary>A stored JSON column as an element that outlives the reader (no pooled buffers held).</summary>
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// A stored JSON column read as its UTF-8 bytes (what SQLite holds for TEXT): parsed once into an
    /// element that owns its data, without the round trip through a .NET string.
    /// </summary>
    public static JsonElement Parse(byte[] utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        return JsonElement.ParseValue(ref reader);
    }
}
