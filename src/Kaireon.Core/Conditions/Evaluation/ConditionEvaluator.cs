namespace Kaireon.Core.Conditions.Evaluation;

/// <summary>
/// A compiled node: a small sealed class per node kind and operator family, each holding its
/// condition value already read (a double, ticks, a set), so evaluating is a virtual call per node,
/// one field read per leaf and no allocation.
/// </summary>
internal abstract class ConditionEvaluator
{
    public abstract bool Evaluate(IConditionData data);

    /// <summary>Evaluates without short-circuiting, adding each leaf's result to <paramref name="trace"/>.</summary>
    public abstract bool Explain(IConditionData data, List<ConditionLeafResult> trace);
}

internal sealed class AllEvaluator(ConditionEvaluator[] children) : ConditionEvaluator
{
    public override bool Evaluate(IConditionData data)
    {
        foreach (var child in children)
            if (!child.Evaluate(data)) return false;
        return true;
    }

    public override bool Explain(IConditionData data, List<ConditionLeafResult> trace)
    {
        var result = true;
        foreach (var child in children) result &= child.Explain(data, trace);
        return result;
    }
}

internal sealed class AnyEvaluator(ConditionEvaluator[] children) : ConditionEvaluator
{
    public override bool Evaluate(IConditionData data)
    {
        foreach (var child in children)
            if (child.Evaluate(data)) return true;
        return false;
    }

    public override bool Explain(IConditionData data, List<ConditionLeafResult> trace)
    {
        var result = false;
        foreach (var child in children) result |= child.Explain(data, trace);
        return result;
    }
}

internal sealed class NotEvaluator(ConditionEvaluator operand) : ConditionEvaluator
{
    public override bool Evaluate(IConditionData data) => !operand.Evaluate(data);

    public override bool Explain(IConditionData data, List<ConditionLeafResult> trace) => !operand.Explain(data, trace);
}
