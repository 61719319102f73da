using Kaireon.Core.Conditions.Evaluation;

namespace Kaireon.Core.Conditions;

/// <summary>
/// A condition ready to run: <see cref="Evaluate"/> allocates nothing and short-circuits.
/// Immutable and thread-safe, so one instance serves every event of a configuration version.
/// </summary>
public sealed class CompiledCondition
{
    private readonly ConditionEvaluator _root;

    internal CompiledCondition(ConditionTree tree, ConditionEvaluator root)
    {
        Tree = tree;
        _root = root;
    }

    public ConditionTree Tree { get; }

    /// <summary>The fields the condition reads (<see cref="ConditionTree.Fields"/>).</summary>
    public IReadOnlySet<string> Fields => Tree.Fields;

    /// <summary>
    /// True when <paramref name="data"/> satisfies the condition. A missing field makes positive
    /// operators false and negated ones true; a value of the wrong type makes the leaf false.
    /// </summary>
    public bool Evaluate(IConditionData data) => _root.Evaluate(data);

    /// <summary>The same answer as <see cref="Evaluate"/>, with every leaf's result (dry runs, <c>/test</c>).</summary>
    public ConditionExplanation Explain(IConditionData data)
    {
        var trace = new List<ConditionLeafResult>(Tree.Leaves.Count);
        var result = _root.Explain(data, trace);
        return new ConditionExplanation(result, trace);
    }
}
