namespace Kaireon.Core.Formulas;

internal enum BinaryOperator { Add, Subtract, Multiply, Divide, Modulo, Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>
/// Arithmetic and comparison. The null rules of the language live here: arithmetic needs two
/// numbers (else null, and x/0 and x%0 are null too); <c>==</c> compares like kinds and treats
/// null as equal only to null; ordering compares two numbers or two strings (ordinal), anything
/// else is false.
/// </summary>
internal sealed class BinaryNode(BinaryOperator op, FormulaNode left, FormulaNode right) : FormulaNode
{
    public override FormulaValue Evaluate(IFieldResolver fields)
    {
        var l = left.Evaluate(fields);
        var r = right.Evaluate(fields);
        return op switch
        {
            BinaryOperator.Equal => FormulaValue.Boolean(AreEqual(l, r)),
            BinaryOperator.NotEqual => FormulaValue.Boolean(!AreEqual(l, r)),
            BinaryOperator.Less => FormulaValue.Boolean(Compare(l, r) is < 0),
            BinaryOperator.LessOrEqual => FormulaValue.Boolean(Compare(l, r) is <= 0),
            BinaryOperator.Greater => FormulaValue.Boolean(Compare(l, r) is > 0),
            BinaryOperator.GreaterOrEqual => FormulaValue.Boolean(Compare(l, r) is >= 0),
            _ => Arithmetic(l, r),
        };
    }

    private FormulaValue Arithmetic(FormulaValue l, FormulaValue r)
    {
        if (!l.TryGetNumber(out var a) || !r.TryGetNumber(out var b)) return FormulaValue.Null;
        return op switch
        {
            BinaryOperator.Add => FormulaValue.Number(a + b),
            BinaryOperator.Subtract => FormulaValue.Number(a - b),
            BinaryOperator.Multiply => FormulaValue.Number(a * b),
            BinaryOperator.Divide => b == 0 ? FormulaValue.Null : FormulaValue.Number(a / b),
            _ => b == 0 ? FormulaValue.Null : FormulaValue.Number(a % b),
        };
    }

    internal static bool AreEqual(FormulaValue l, FormulaValue r) => l == r;

    /// <summary>The order of two numbers or two strings; null when they cannot be ordered.</summary>
    private static int? Compare(FormulaValue l, FormulaValue r)
    {
        if (l.TryGetNumber(out var a) && r.TryGetNumber(out var b)) return a.CompareTo(b);
        if (l.TryGetString(out var s) && r.TryGetString(out var t)) return string.CompareOrdinal(s, t);
        return null;
    }
}
