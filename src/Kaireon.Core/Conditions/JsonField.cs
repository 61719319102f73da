using System.Text;
using System.Text.Json;

namespace Kaireon.Core.Conditions;

/// <summary>
/// A field read out of many JSON records for the same conditions (<see cref="ConditionSlots"/>).
/// Prepared once: a flat name is looked up by its UTF-8 bytes (a dotted one is read as
/// <see cref="JsonConditionData"/> reads it); a string equal to one the conditions name is that
/// very instance, so reading it allocates nothing; and a string gets the readings its leaves make.
/// </summary>
internal sealed class JsonField
{
    /// <summary>Known strings are tried one by one, which pays only for a few.</summary>
    public const int MaxKnownStrings = 16;

    private readonly byte[]? _flatName;
    private readonly (string Text, byte[] Utf8)[] _known;
    private readonly bool _number, _date;

    public JsonField(string name, IEnumerable<string> knownStrings, bool number, bool date)
    {
        Name = name;
        _flatName = name.Contains('.') ? null : Encoding.UTF8.GetBytes(name);
        _known = [.. knownStrings.Distinct(StringComparer.Ordinal).Take(MaxKnownStrings).Select(s => (s, Encoding.UTF8.GetBytes(s)))];
        (_number, _date) = (number, date);
    }

    public string Name { get; }

    public bool TryGet(JsonElement record, out ConditionValue value)
    {
        if (!TryFind(record, out var found))
        {
            value = default;
            return false;
        }
        value = (found.ValueKind == JsonValueKind.String && Known(found) is { } text ? ConditionValue.From(text) : ConditionValue.FromJson(found))
            .WithReadings(_number, _date);
        return true;
    }

    private bool TryFind(JsonElement record, out JsonElement found)
    {
        if (_flatName is null) return JsonConditionData.TryFind(record, Name, out found);
        found = default;
        return record.ValueKind == JsonValueKind.Object && record.TryGetProperty(_flatName, out found);
    }

    private string? Known(JsonElement text)
    {
        foreach (var (known, utf8) in _known)
            if (text.ValueEquals(utf8)) return known;
        return null;
    }
}
