using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Kaireon.Core.Formulas;
using Kaireon.Core.Validation;

namespace Kaireon.Core.DecisionFlows.Nodes;

/// <summary><c>compute</c>: evaluates formula fields for each candidate (its <c>personalization</c>).</summary>
public sealed record ComputeNode : FlowNode
{
    public ComputeNodeConfig? Config { get; set; } = new();

    [JsonIgnore]
    public override FlowNodeType? Type => FlowNodeType.Compute;

    protected override void ValidateConfig(string path, ValidationErrors errors)
    {
        if (ConfigRules.Present(errors, path, Config)) Config.Validate(path, errors);
    }
}

/// <summary>
/// With <see cref="IncludeCategoryFormulas"/>, the computed custom fields of each candidate's
/// category and sub-category are evaluated; <see cref="Fields"/> then add extras, and a field whose
/// key a category formula also has overrides it. Formulas are Kaireon's expression language
/// (docs/formulas.md), compiled once per flow version.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed partial record ComputeNodeConfig
{
    public const int MaxFields = 50;

    public List<ComputedField>? Fields { get; init; }
    public bool IncludeCategoryFormulas { get; set; } = true;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    internal static partial Regex KeyPattern();

    internal void Validate(string path, ValidationErrors errors)
    {
        errors.MaxCount($"{path}.fields", Fields, MaxFields);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < (Fields?.Count ?? 0); i++)
        {
            var at = $"{path}.fields[{i}]";
            if (!ConfigRules.Present(errors, at, Fields![i])) continue;
            Key(errors, $"{at}.key", Fields[i].Key, seen, i, "fields");
            FormulaText(errors, $"{at}.formula", Fields[i].Formula, required: true);
        }
    }

    /// <summary>A property or field key: an identifier, given once in its list.</summary>
    internal static void Key(ValidationErrors errors, string path, string? key, Dictionary<string, int> seen, int index, string list)
    {
        if (key is null) errors.Add(path, "is required.");
        errors.Pattern(path, key, KeyPattern(), "a letter or _, then letters, digits or _ (at most 64)");
        if (key is not null && !seen.TryAdd(key, index)) errors.Add(path, $"repeats '{key}' ({list}[{seen[key]}]).");
    }

    /// <summary>A formula that compiles; the message says where it does not.</summary>
    internal static void FormulaText(ValidationErrors errors, string path, string? formula, bool required)
    {
        if (formula is null)
        {
            if (required) errors.Add(path, "is required: a formula such as offer.customFields.apr * 100.");
        }
        else if (Formula.Check(formula) is { } error) errors.Add(path, $"does not compile: {error}.");
    }
}

/// <summary>One computed value: <c>{ "key": "monthlyFee", "formula": "round(offer.customFields.annualFee / 12, 2)" }</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ComputedField
{
    public string? Key { get; init; }
    public string? Formula { get; init; }
}
