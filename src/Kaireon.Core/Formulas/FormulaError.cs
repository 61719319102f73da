namespace Kaireon.Core.Formulas;

/// <summary>
/// Why a formula does not compile, and where: <see cref="Position"/> is the 1-based character
/// position (column) of the offending token, or 0 for a problem with the whole formula (too long).
/// </summary>
public sealed record FormulaError(int Position, string Message)
{
    public override string ToString() => Position > 0 ? $"at position {Position}: {Message}" : Message;
}

/// <summary>Thrown by <see cref="Formula.Compile"/>; <see cref="Formula.TryCompile"/> callers get the <see cref="FormulaError"/> instead.</summary>
public sealed class FormulaException(FormulaError error) : Exception(error.ToString())
{
    public FormulaError Error { get; } = error;
}
