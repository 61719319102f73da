using System.Text;
using System.Text.Json;

namespace Kaireon.Core.Conditions;

/// <summary>
/// A field prepared for reading many JSON records: a flat name is looked up by its UTF-8 bytes,
/// encoded once rather than on every lookup; a dotted one is read as <see cref="JsonConditionData"/> reads it.
/// </summary>
internal sealed class JsonField(string name)
{
    private readonly byte[]? _flatName = name.Contains('.') ? null : Encoding.UTF8.GetBytes(name);

    public string Name { get; } = name;

    public bool TryGet(JsonElement record, out ConditionValue value)
    {
        if (_flatName is null) return JsonConditionData.TryGet(record, Name, out value);
        if (record.ValueKind == JsonValueKind.Object && record.TryGetProperty(_flatName, out var found))
        {
            value = ConditionValue.FromJson(found);
            return true;
        }
        value = default;
        return false;
    }
}
