namespace Kaireon.Core.Formulas;

/// <summary>
/// The whitelist of functions a formula may call: their arities and how each becomes a node. A
/// name not listed here does not compile, so a formula can never reach any other code.
/// </summary>
internal static class FormulaFunctions
{
    private sealed record Function(int MinArgs, int MaxArgs, Func<FormulaNode[], FormulaNode> Create);

    private static readonly Dictionary<string, Function> Functions = new(StringComparer.Ordinal)
    {
        ["if"] = new(3, 3, a => new IfNode(a[0], a[1], a[2])),
        ["coalesce"] = new(1, int.MaxValue, a => new CoalesceNode(a)),
        ["min"] = new(1, int.MaxValue, a => new MinMaxNode(isMax: false, a)),
        ["max"] = new(1, int.MaxValue, a => new MinMaxNode(isMax: true, a)),
        ["round"] = new(1, 2, a => new RoundNode(a[0], a.Length > 1 ? a[1] : null)),
        ["abs"] = new(1, 1, a => new MathNode(Math.Abs, a[0])),
        ["floor"] = new(1, 1, a => new MathNode(Math.Floor, a[0])),
        ["ceil"] = new(1, 1, a => new MathNode(Math.Ceiling, a[0])),
        ["concat"] = new(1, int.MaxValue, a => new ConcatNode(a)),
    };

    public static string Names { get; } = string.Join(", ", Functions.Keys);

    /// <summary>The node for a call, or an error naming what is wrong with it at <paramref name="position"/>.</summary>
    public static FormulaNode Create(string name, FormulaNode[] args, int position)
    {
        if (!Functions.TryGetValue(name, out var function))
            throw new FormulaException(new(position, $"unknown function '{name}': the functions are {Names}."));
        if (args.Length < function.MinArgs || args.Length > function.MaxArgs)
            throw new FormulaException(new(position, $"{name}() takes {Arity(function)}, not {args.Length}."));
        return function.Create(args);
    }

    public static bool IsFunction(string name) => Functions.ContainsKey(name);

    private static string Arity(Function f) => (f.MinArgs, f.MaxArgs) switch
    {
        (var min, int.MaxValue) => $"at least {min} argument{(min == 1 ? "" : "s")}",
        var (min, max) when min == max => $"{min} argument{(min == 1 ? "" : "s")}",
        var (min, max) => $"{min} or {max} arguments",
    };
}

/// <summary><c>if(cond, a, b)</c>: <c>a</c> when <c>cond</c> is the boolean true, else <c>b</c>; only the chosen branch is evaluated.</summary>
internal sealed class IfNode(FormulaNode condition, FormulaNode then, FormulaNode otherwise) : FormulaNode
{
    public override FormulaValue Evaluate(IFieldResolver fields) =>
        condition.Evaluate(fields).IsTrue ? then.Evaluate(fields) : otherwise.Evaluate(fields);
}

/// <summary><c>coalesce(a, b, ...)</c>: the first argument that is not null; later ones are not evaluated.</summary>
internal sealed class CoalesceNode(FormulaNode[] args) : FormulaNode
{
    public override FormulaValue Evaluate(IFieldResolver fields)
    {
        foreach (var arg in args)
        {
            var value = arg.Evaluate(fields);
            if (!value.IsNull) return value;
        }
        return FormulaValue.Null;
    }
}

/// <summary><c>min(...)</c> and <c>max(...)</c> of numbers; one null or non-number argument makes the result null, as in arithmetic.</summary>
internal sealed class MinMaxNode(bool isMax, FormulaNode[] args) : FormulaNode
{
    public override FormulaValue Evaluate(IFieldResolver fields)
    {
        var best = isMax ? double.NegativeInfinity : double.PositiveInfinity;
        foreach (var arg in args)
        {
            if (!arg.Evaluate(fields).TryGetNumber(out var n)) return FormulaValue.Null;
            best = isMax ? Math.Max(best, n) : Math.Min(best, n);
        }
        return FormulaValue.Number(best);
    }
}

/// <summary>
/// <c>round(x[, digits])</c>: half away from zero (2.5 → 3, -2.5 → -3), to 0–15 decimal digits.
/// Digits that are not a whole number in that range give null.
/// </summary>
internal sealed class RoundNode(FormulaNode value, FormulaNode? digits) : FormulaNode
{
    public override FormulaValue Evaluate(IFieldResolver fields)
    {
        if (!value.Evaluate(fields).TryGetNumber(out var x)) return FormulaValue.Null;
        var d = 0.0;
        if (digits is not null && (!digits.Evaluate(fields).TryGetNumber(out d) || d != Math.Floor(d) || d is < 0 or > 15))
            return FormulaValue.Null;
        return FormulaValue.Number(Math.Round(x, (int)d, MidpointRounding.AwayFromZero));
    }
}

/// <summary><c>abs</c>, <c>floor</c>, <c>ceil</c>: a number in, a number out; anything else is null.</summary>
internal sealed class MathNode(Func<double, double> function, FormulaNode arg) : FormulaNode
{
    public override FormulaValue Evaluate(IFieldResolver fields) =>
        arg.Evaluate(fields).TryGetNumber(out var n) ? FormulaValue.Number(function(n)) : FormulaValue.Null;
}

/// <summary><c>concat(...)</c>: the text of each argument joined; null arguments add nothing.</summary>
internal sealed class ConcatNode(FormulaNode[] args) : FormulaNode
{
    public override FormulaValue Evaluate(IFieldResolver fields)
    {
        if (args.Length == 1) return FormulaValue.String(args[0].Evaluate(fields).ToString());
        var parts = new string[args.Length];
        for (var i = 0; i < args.Length; i++) parts[i] = args[i].Evaluate(fields).ToString();
        return FormulaValue.String(string.Concat(parts));
    }
}
