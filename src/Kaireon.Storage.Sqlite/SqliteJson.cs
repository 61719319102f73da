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
}
