using System.Text.Json;
using Kaireon.Core.Conditions;

namespace Kaireon.Core.Behaviors;

/// <summary>
/// <c>POST /behaviors/{id}/test</c>: whether sample metadata matches a behaviour, with each condition's
/// result (<see cref="ConditionLeafResult"/>: path, field, operator, expected, actual, result).
/// Rate limits are not consulted: a test has no customer and no side effects.
/// </summary>
public sealed record BehaviorTestResult(bool Matched, IReadOnlyList<ConditionLeafResult> Conditions)
{
    /// <summary>A simple behaviour matches every event of its verb; a flexible one is explained over <paramref name="metadata"/>.</summary>
    public static BehaviorTestResult Of(Behavior behavior, JsonElement metadata)
    {
        if (!behavior.IsFlexible || behavior.Conditions is not { } conditions) return new BehaviorTestResult(true, []);
        var explanation = BehaviorConditions.Compile(conditions).Explain(new JsonConditionData(metadata));
        return new BehaviorTestResult(explanation.Result, explanation.Trace);
    }
}
