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

    public bool TryGet(string field, out ConditionValue value)
    {
        if (TryFind(Root, field, out var found))
        {
            value = ConditionValue.FromJson(found);
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>The element <paramref name="field"/> names in <paramref name="root"/>, found as <see cref="TryGet"/> finds it.</summary>
    internal static bool TryFind(JsonElement root, string field, out JsonElement found) =>
        TryWalk(root, field, out found)
        || (field.Contains('.') && root.ValueKind == JsonValueKind.Object && root.TryGetProperty(field, out found));

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
