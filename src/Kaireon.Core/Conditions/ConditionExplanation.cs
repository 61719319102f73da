using System.Text.Json;

namespace Kaireon.Core.Conditions;

/// <summary>
/// A condition's answer with the reason: every leaf's result in document order. Every leaf is
/// evaluated, even those a short-circuit would skip, so a rule builder sees them all.
/// </summary>
public sealed record ConditionExplanation(bool Result, IReadOnlyList<ConditionLeafResult> Trace);

/// <summary>
/// One leaf of a trace, the contract's shape:
/// <c>{ "path": "all[1]", "field": "score", "operator": "gt", "expected": 80, "actual": 90, "result": true }</c>.
/// <see cref="Actual"/> is left out when the field is missing or null; <see cref="Expected"/> for <c>exists</c>.
/// The result is the leaf's own, before any enclosing <c>not</c>.
/// </summary>
public sealed record ConditionLeafResult(
    string Path, string Field, ConditionOperator Operator, JsonElement? Expected, ConditionValue? Actual, bool Result);
