using System.Collections.Frozen;
using System.Text.Json;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Conditions;

/// <summary>
/// Design §6's save-time rules: collects every error under its path instead of stopping at the
/// first, so one 400 names them all. Reads a node's keys first and decides its kind from them, so a
/// node mixing kinds is one error rather than a cascade.
/// </summary>
internal sealed class ConditionParser(string prefix, ValidationErrors errors, ConditionParseOptions options)
{
    public const int MaxFieldLength = 256;
    public const int MaxPatternLength = 1000;

    private const string NodeShape = "a group { \"all\": [...] } or { \"any\": [...] } (aliases and, or), a negation { \"not\": ... }, or a leaf { \"field\", \"operator\", \"value\" }";
    private const string DateShape = "a UTC date (YYYY-MM-DD) or instant (YYYY-MM-DDThh:mm:ss.sssZ); other offsets are not accepted";

    private static readonly FrozenDictionary<string, ConditionGroupKind> GroupKeys = new Dictionary<string, ConditionGroupKind>
    {
        ["all"] = ConditionGroupKind.All, ["and"] = ConditionGroupKind.All,
        ["any"] = ConditionGroupKind.Any, ["or"] = ConditionGroupKind.Any,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> LeafKeys = FrozenSet.Create(StringComparer.Ordinal, "field", "operator", "value");

    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);
    private readonly List<ConditionLeaf> _leaves = [];
    private int _errorCount;     // ours, not errors.Count: the caller's collection may already hold errors at our paths

    public ConditionTree? Parse(JsonElement json)
    {
        var root = Node(json, "", depth: 1);
        return root is null || _errorCount > 0
            ? null
            : new ConditionTree(root, [.. _leaves], _fields.Keys.ToFrozenSet(StringComparer.Ordinal), options.RegexTimeout);
    }

    private string At(string path) => (prefix, path) switch
    {
        ("", _) => path,
        (_, "") => prefix,
        _ => $"{prefix}.{path}",
    };

    private static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private void Error(string path, string message)
    {
        _errorCount++;
        errors.Add(At(path), message);
    }

    private ConditionNode? Node(JsonElement json, string path, int depth)
    {
        if (depth > ConditionTree.MaxDepth)
        {
            Error(path, $"nests too deeply: conditions are at most {ConditionTree.MaxDepth} levels deep.");
            return null;
        }
        if (json.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"must be a condition: {NodeShape}.");
            return null;
        }

        string? groupKey = null;
        int groups = 0, negations = 0, leafKeys = 0, unknown = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (!seen.Add(property.Name)) Error(Child(path, property.Name), "appears more than once.");
            else if (GroupKeys.ContainsKey(property.Name)) { groups++; groupKey = property.Name; }
            else if (property.Name == "not") negations++;
            else if (LeafKeys.Contains(property.Name)) leafKeys++;
            else
            {
                unknown++;
                Error(Child(path, property.Name), "is not a condition key: all, any, and, or, not, field, operator, value.");
            }
        }

        var kinds = groups + negations + (leafKeys > 0 ? 1 : 0);
        if (kinds > 1)
        {
            Error(path, $"mixes node kinds: a node is exactly one of {NodeShape}.");
            return null;
        }
        if (kinds == 0)
        {
            if (unknown == 0) Error(path, $"must be a condition: {NodeShape}.");
            return null;
        }
        if (groupKey is not null) return Group(json.GetProperty(groupKey), Child(path, groupKey), GroupKeys[groupKey], path, depth);
        if (negations == 1)
        {
            var operand = Node(json.GetProperty("not"), Child(path, "not"), depth + 1);
            return operand is null ? null : new ConditionNegation(path, operand);
        }
        return Leaf(json, path);
    }

    private ConditionGroup? Group(JsonElement items, string listPath, ConditionGroupKind kind, string path, int depth)
    {
        if (items.ValueKind != JsonValueKind.Array)
        {
            Error(listPath, "must be a list of conditions.");
            return null;
        }
        if (items.GetArrayLength() == 0)
        {
            Error(listPath, "must hold at least one condition: an empty group would match everything or nothing.");
            return null;
        }
        var children = new List<ConditionNode>(items.GetArrayLength());
        var valid = true;
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (Node(item, $"{listPath}[{i++}]", depth + 1) is { } child) children.Add(child);
            else valid = false;
        }
        return valid ? new ConditionGroup(path, kind, [.. children]) : null;
    }

    private ConditionLeaf? Leaf(JsonElement json, string path)
    {
        var before = _errorCount;
        var field = Field(json, path);
        var op = Operator(json, path);
        JsonElement? value = json.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null ? v.Clone() : null;
        if (op is { } known) Value(known, value, Child(path, "value"));
        if (_errorCount != before || field is null || op is null) return null;

        var leaf = new ConditionLeaf(path, field, op.Value, value);
        _leaves.Add(leaf);
        return leaf;
    }

    private string? Field(JsonElement json, string path)
    {
        var fieldPath = Child(path, "field");
        if (!json.TryGetProperty("field", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            Error(fieldPath, "is required: a dotted path such as metadata.score.");
            return null;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            Error(fieldPath, "must be a string: a dotted path such as metadata.score.");
            return null;
        }
        var field = element.GetString()!;
        if (field.Length > MaxFieldLength) Error(fieldPath, $"must be at most {MaxFieldLength} characters.");
        else if (field.Split('.').Any(s => s.Trim().Length != s.Length || s.Length == 0))
            Error(fieldPath, "must be a dotted path such as metadata.score: no empty segments, no spaces around a name.");
        else if (options.FieldValidator?.Invoke(field) is { } message) Error(fieldPath, message);
        else
        {
            if (!_fields.TryGetValue(field, out var shared)) _fields[field] = shared = field;
            return shared;
        }
        return null;
    }

    private ConditionOperator? Operator(JsonElement json, string path)
    {
        var operatorPath = Child(path, "operator");
        if (!json.TryGetProperty("operator", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            Error(operatorPath, $"is required: one of {ConditionOperators.Allowed}.");
            return null;
        }
        if (element.ValueKind == JsonValueKind.String && ConditionOperators.TryParse(element.GetString(), out var op)) return op;
        Error(operatorPath, $"must be one of {ConditionOperators.Allowed}.");
        return null;
    }

    /// <summary>Checks the condition value against what the operator compares (design §6: mismatches found at save where they can be).</summary>
    private void Value(ConditionOperator op, JsonElement? value, string path)
    {
        var name = op.WireName();
        if (op == ConditionOperator.Exists)
        {
            if (value is not null) Error(path, "must be left out: exists takes no value.");
            return;
        }
        if (value is not { } v)
        {
            Error(path, $"is required for {name}.");
            return;
        }
        if (IsWildcard(v) && op != ConditionOperator.Is)
        {
            Error(path, $"cannot be the wildcard * with {name}: the wildcard is only valid with is.");
            return;
        }
        switch (op.Family())
        {
            case ConditionOperatorFamily.Numeric when op is ConditionOperator.Eq or ConditionOperator.Neq:
                // eq/neq compare numbers as numbers and any other scalar exactly, so the spec's metric filters (channelId eq "email") work.
                if (!IsScalar(v) || (v.ValueKind == JsonValueKind.Number && !IsNumber(v)))
                    Error(path, $"must be a number, a string or a boolean for {name}.");
                break;
            case ConditionOperatorFamily.Numeric:
                if (!IsNumber(v)) Error(path, $"must be a number or a numeric string for {name}.");
                break;
            case ConditionOperatorFamily.Set:
                Set(v, path, name);
                break;
            case ConditionOperatorFamily.Text:
                if (v.ValueKind != JsonValueKind.String) Error(path, $"must be a string for {name}.");
                else if (op == ConditionOperator.Regex) Pattern(v.GetString()!, path);
                break;
            case ConditionOperatorFamily.Date:
                if (v.ValueKind != JsonValueKind.String || !ConditionDates.TryParse(v.GetString(), allowOffset: false, out _, out _))
                    Error(path, $"must be {DateShape}.");
                break;
            default:
                if (!IsScalar(v) || (v.ValueKind == JsonValueKind.Number && !IsNumber(v)))
                    Error(path, $"must be a string, a number or a boolean for {name}.");
                break;
        }
    }

    private void Set(JsonElement value, string path, string name)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"must be a list of values for {name}.");
            return;
        }
        if (value.GetArrayLength() == 0) Error(path, $"must hold at least one value for {name}.");
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}[{i++}]";
            if (!IsScalar(item) || (item.ValueKind == JsonValueKind.Number && !IsNumber(item)))
                Error(itemPath, "must be a string, a number or a boolean.");
            else if (IsWildcard(item)) Error(itemPath, "cannot be the wildcard *: the wildcard is only valid with is.");
        }
    }

    private void Pattern(string pattern, string path)
    {
        if (pattern.Length > MaxPatternLength)
        {
            Error(path, $"must be at most {MaxPatternLength} characters.");
            return;
        }
        try
        {
            _ = ConditionCompiler.Pattern(pattern, options.RegexTimeout);
        }
        catch (ArgumentException e)
        {
            Error(path, $"is not a valid regular expression: {e.Message}");
        }
    }

    private static bool IsWildcard(JsonElement value) => value.ValueKind == JsonValueKind.String && value.ValueEquals(ConditionTree.Wildcard);

    private static bool IsScalar(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    /// <summary>A finite JSON number, or a string that reads as one.</summary>
    internal static bool IsNumber(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.TryGetDouble(out var d) && double.IsFinite(d),
        JsonValueKind.String => ConditionValue.TryParseNumber(value.GetString(), out _),
        _ => false,
    };
}
