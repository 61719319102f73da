namespace Kaireon.Core.Formulas;

/// <summary>
/// The data a formula reads, supplied by whoever evaluates it (the decision pipeline's
/// <c>compute</c> and <c>set_properties</c> nodes, the scorecard engine). A formula never reaches
/// data any other way: this port is the whole of its access to the world.
/// </summary>
/// <remarks>
/// Return <see cref="FormulaValue.Null"/> for a field that is missing or not a scalar. The
/// pipeline can point one resolver at each candidate in turn, so resolution allocates nothing.
/// </remarks>
public interface IFieldResolver
{
    FormulaValue Resolve(FieldReference field);
}
