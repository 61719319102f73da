using System.Text.Json;

namespace Kaireon.Core.Conditions;

/// <summary>
/// Fields of a JSON object: a dotted field walks nested objects (<c>metadata.score</c> reads
/// <c>{"metadata":{"score":90}}</c>); when that walk finds nothing, a property literally named
/// <c>metadata.score</c> is tried. Walking allocates nothing; reading a string field allocates the string.
/// </summary>
public sealed class JsonConditionData(JsonElement root) : IConditionData
{
    public JsonElement Root { get; } = root;

    public bool TryGet(string field, out ConditionValue value) => TryGet(Root, field, out value);

    /// <summary>The same reading without an instance, for callers that read many JSON records.</summary>
    public static bool TryGet(JsonElement root, string field, out ConditionValue value)
    {
        if (TryWalk(root, field, out var found)
            || (field.Contains('.') && root.ValueKind == JsonValueKind.Object && root.TryGetProperty(field, out found)))
        {
            value = ConditionValue.FromJson(found);
            return true;
        }
        value = default;
        return false;
    }

    private static bool TryWalk(JsonElement current, ReadOnlySpan<char> path, out JsonElement found)
    {
        while (true)
        {
            var dot = path.IndexOf('.');
            var segment = dot < 0 ? path : path[..dot];
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                found = default;
                return false;
            }
            if (dot < 0)
            {
                found = current;
                return true;
            }
            path = path[(dot + 1)..];
        }
    }
}
