namespace Kaireon.Core.Formulas;

/// <summary>
/// A node of a compiled formula. Nodes are immutable and evaluate straight to a
/// <see cref="FormulaValue"/>: no boxing, no reflection, nothing but the operators and the
/// whitelisted functions, so a formula can do nothing but compute a value from its fields.
/// </summary>
internal abstract class FormulaNode
{
    public abstract FormulaValue Evaluate(IFieldResolver fields);
}

internal sealed class ConstantNode(FormulaValue value) : FormulaNode
{
    public FormulaValue Value { get; } = value;

    public override FormulaValue Evaluate(IFieldResolver fields) => Value;
}

internal sealed class FieldNode(FieldReference field) : FormulaNode
{
    public FieldReference Field { get; } = field;

    public override FormulaValue Evaluate(IFieldResolver fields) => fields.Resolve(Field);
}

internal sealed class NegateNode(FormulaNode operand) : FormulaNode
{
    public override FormulaValue Evaluate(IFieldResolver fields) =>
        operand.Evaluate(fields).TryGetNumber(out var n) ? FormulaValue.Number(-n) : FormulaValue.Null;
}

internal sealed class NotNode(FormulaNode operand) : FormulaNode
{
    public override FormulaValue Evaluate(IFieldResolver fields) => FormulaValue.Boolean(!operand.Evaluate(fields).IsTrue);
}

/// <summary><c>&amp;&amp;</c> and <c>||</c>: short-circuit, and only the boolean <c>true</c> counts as true.</summary>
internal sealed class LogicalNode(bool isAnd, FormulaNode left, FormulaNode right) : FormulaNode
{
    public override FormulaValue Evaluate(IFieldResolver fields)
    {
        var l = left.Evaluate(fields).IsTrue;
        if (isAnd ? !l : l) return FormulaValue.Boolean(l);
        return FormulaValue.Boolean(right.Evaluate(fields).IsTrue);
    }
}
