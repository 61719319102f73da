using System.Text.Json;

namespace Kaireon.Core.Conditions;

/// <summary>
/// A node of a parsed, valid condition tree. <see cref="Path"/> is the node's place under the
/// condition's root as written, <c>all[1]</c> or <c>and[0].not</c> (the root itself is <c>""</c>):
/// the path of traces and, behind the caller's prefix, of errors.
/// </summary>
public abstract record ConditionNode(string Path);

public enum ConditionGroupKind
{
    /// <summary>Every child is true (<c>all</c>, alias <c>and</c>).</summary>
    All,
    /// <summary>At least one child is true (<c>any</c>, alias <c>or</c>).</summary>
    Any,
}

/// <summary><c>{ "all": [...] }</c> or <c>{ "any": [...] }</c>; never empty.</summary>
public sealed record ConditionGroup(string Path, ConditionGroupKind Kind, IReadOnlyList<ConditionNode> Children) : ConditionNode(Path);

/// <summary><c>{ "not": node }</c>.</summary>
public sealed record ConditionNegation(string Path, ConditionNode Operand) : ConditionNode(Path);

/// <summary>
/// <c>{ "field", "operator", "value" }</c>. <see cref="Value"/> is the condition value as written
/// (a detached clone; null only for <c>exists</c>), already checked against the operator.
/// </summary>
public sealed record ConditionLeaf(string Path, string Field, ConditionOperator Operator, JsonElement? Value) : ConditionNode(Path)
{
    /// <summary>The wildcard <c>field is "*"</c>: true for any present value of the field.</summary>
    public bool IsWildcard => Operator == ConditionOperator.Is && Value is { ValueKind: JsonValueKind.String } v && v.ValueEquals(ConditionTree.Wildcard);
}
