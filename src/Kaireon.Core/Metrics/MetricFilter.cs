using System.Text.Json;
using Kaireon.Core.Conditions;
using Kaireon.Core.Interactions;
using Kaireon.Core.Validation;

namespace Kaireon.Core.Metrics;

/// <summary>
/// A metric's <c>filterConditions</c>: a condition tree (design §6) over the fields of an interaction,
/// validated when the metric is saved and compiled once per computation version.
/// </summary>
public static class MetricFilter
{
    private static readonly ConditionParseOptions Options = new() { FieldValidator = InteractionConditionData.Check };

    public static void Validate(string path, JsonElement? filter, ValidationErrors errors)
    {
        if (filter is { ValueKind: not JsonValueKind.Null } tree) ConditionTree.Parse(tree, path, errors, Options);
    }

    public static Func<Interaction, bool> Compile(JsonElement? filter)
    {
        if (filter is not { ValueKind: not JsonValueKind.Null } tree) return static _ => true;
        var condition = ConditionTree.Parse(tree, Options).Compile();
        return interaction => condition.Evaluate(new InteractionConditionData(interaction));
    }
}
