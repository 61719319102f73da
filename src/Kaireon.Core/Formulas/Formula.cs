namespace Kaireon.Core.Formulas;

/// <summary>
/// A compiled formula of Kaireon's expression language (docs/formulas.md): parsed and checked once,
/// then evaluated for each candidate against an <see cref="IFieldResolver"/>.
/// </summary>
/// <remarks>
/// Immutable and thread-safe: compile once per configuration version and share. Evaluation
/// allocates nothing unless the formula builds a string with <c>concat</c>. A formula can only
/// combine literals and fields with the operators and the whitelisted functions: it cannot call
/// methods, reflect, loop or reach any data but what the resolver hands it.
/// </remarks>
public sealed class Formula
{
    /// <summary>The longest formula text accepted, in characters.</summary>
    public const int MaxLength = 1000;

    /// <summary>The deepest nesting of parentheses, calls and unary operators accepted.</summary>
    public const int MaxDepth = 32;

    private readonly FormulaNode _root;

    private Formula(string text, FormulaNode root, IReadOnlyList<FieldReference> fields)
    {
        Text = text;
        _root = root;
        Fields = fields;
    }

    public string Text { get; }

    /// <summary>Every distinct field the formula reads, in order of first appearance: what the pipeline must load before evaluating it.</summary>
    public IReadOnlyList<FieldReference> Fields { get; }

    /// <summary>Compiles <paramref name="text"/>, or throws a <see cref="FormulaException"/> saying what is wrong and where.</summary>
    public static Formula Compile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength) throw new FormulaException(new(0, $"the formula is {text.Length} characters long: at most {MaxLength} are allowed."));
        var (root, fields) = FormulaParser.Parse(text, MaxDepth);
        return new Formula(text, root, fields);
    }

    /// <summary>Compiles <paramref name="text"/>; on failure returns false with the error (for validators).</summary>
    public static bool TryCompile(string text, out Formula? formula, out FormulaError? error)
    {
        try
        {
            formula = Compile(text);
            error = null;
            return true;
        }
        catch (FormulaException e)
        {
            formula = null;
            error = e.Error;
            return false;
        }
    }

    /// <summary>The compile error of <paramref name="text"/>, or null when it compiles.</summary>
    public static FormulaError? Check(string text) => TryCompile(text, out _, out var error) ? null : error;

    public FormulaValue Evaluate(IFieldResolver fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return _root.Evaluate(fields);
    }

    public override string ToString() => Text;
}
