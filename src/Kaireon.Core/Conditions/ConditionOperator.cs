using System.Text.Json.Serialization;
using Kaireon.Core.Json;

namespace Kaireon.Core.Conditions;

/// <summary>
/// The operators of a condition leaf (design §6), snake_case on the wire (<c>not_starts_with</c>).
/// The flexible-behaviour page's words map onto them: "greater or equal" is <see cref="Gte"/>,
/// "on or before" is <see cref="OnOrBefore"/>, "is not" is <see cref="IsNot"/>.
/// </summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ConditionOperator>))]
public enum ConditionOperator
{
    Gt, Gte, Lt, Lte, Eq, Neq,
    In, NotIn,
    Contains, NotContains, StartsWith, NotStartsWith, EndsWith, NotEndsWith, Regex,
    On, NotOn, After, OnOrAfter, Before, OnOrBefore,
    Is, IsNot,
    Exists,
}

/// <summary>What kind of value an operator compares, which decides what its condition value must be.</summary>
public enum ConditionOperatorFamily { Numeric, Set, Text, Date, Universal, Exists }

public static class ConditionOperators
{
    /// <summary>The family of <paramref name="op"/>: what its <c>value</c> must be and what a type mismatch is.</summary>
    public static ConditionOperatorFamily Family(this ConditionOperator op) => op switch
    {
        ConditionOperator.Gt or ConditionOperator.Gte or ConditionOperator.Lt or ConditionOperator.Lte
            or ConditionOperator.Eq or ConditionOperator.Neq => ConditionOperatorFamily.Numeric,
        ConditionOperator.In or ConditionOperator.NotIn => ConditionOperatorFamily.Set,
        ConditionOperator.Contains or ConditionOperator.NotContains or ConditionOperator.StartsWith or ConditionOperator.NotStartsWith
            or ConditionOperator.EndsWith or ConditionOperator.NotEndsWith or ConditionOperator.Regex => ConditionOperatorFamily.Text,
        ConditionOperator.On or ConditionOperator.NotOn or ConditionOperator.After or ConditionOperator.OnOrAfter
            or ConditionOperator.Before or ConditionOperator.OnOrBefore => ConditionOperatorFamily.Date,
        ConditionOperator.Is or ConditionOperator.IsNot => ConditionOperatorFamily.Universal,
        _ => ConditionOperatorFamily.Exists,
    };

    /// <summary>
    /// The negated operators, which a missing field makes true (design §6): "the customer has no
    /// course_id" satisfies "course_id is not 12345".
    /// </summary>
    public static bool IsNegated(this ConditionOperator op) => op is ConditionOperator.Neq or ConditionOperator.NotIn
        or ConditionOperator.IsNot or ConditionOperator.NotContains or ConditionOperator.NotStartsWith
        or ConditionOperator.NotEndsWith or ConditionOperator.NotOn;

    /// <summary>The wire name, <c>not_starts_with</c>.</summary>
    public static string WireName(this ConditionOperator op) => SnakeCaseEnumConverter<ConditionOperator>.NameOf(op);

    /// <summary>Every wire name, comma separated, for error messages.</summary>
    public static string Allowed => SnakeCaseEnumConverter<ConditionOperator>.Allowed;

    private static readonly Dictionary<string, ConditionOperator> ByName =
        Enum.GetValues<ConditionOperator>().ToDictionary(WireName, StringComparer.Ordinal);

    /// <summary>Parses a wire name exactly (case-sensitive, snake_case).</summary>
    public static bool TryParse(string? name, out ConditionOperator op) => ByName.TryGetValue(name ?? "", out op);
}
