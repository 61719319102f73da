using System.Collections.Frozen;
using Kaireon.Core.Conditions;

namespace Kaireon.Core.DecisionFlows;

/// <summary>
/// The data a decision-time condition reads (an <c>attribute_condition</c> rule, the v2 <c>filter</c>
/// node, a v1 filter stage): a dotted path under one of five roots. <c>offer.*</c> and
/// <c>creative.*</c> are the candidate's fields, <c>customer.*</c> the stored profile
/// (<c>customer.segments</c>, <c>customer.attributes.age</c>), <c>attributes.*</c> the request's
/// attributes merged over the stored ones, <c>metrics.*</c> behavioral metric values by key.
/// </summary>
/// <remarks>
/// Restricting the roots at save time means a typo (<c>atributes.age</c>) is a 400 instead of a
/// condition that is silently false for every customer.
/// </remarks>
public static class DecisionFields
{
    public const string RootNames = "offer, creative, customer, attributes or metrics";

    private static readonly FrozenSet<string> Roots = FrozenSet.Create(StringComparer.Ordinal, "offer", "creative", "customer", "attributes", "metrics");

    /// <summary>Parse options for decision-time conditions: these roots, the default regex timeout.</summary>
    public static ConditionParseOptions ConditionOptions { get; } = new() { FieldValidator = Check };

    /// <summary>Null when <paramref name="field"/> names decision data, else why not.</summary>
    public static string? Check(string field)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < field.Length - 1 && Roots.Contains(field[..dot])
            ? null
            : $"must be a path under {RootNames} (e.g. attributes.age, offer.categoryId).";
    }
}
