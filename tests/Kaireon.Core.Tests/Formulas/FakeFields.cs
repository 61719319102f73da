using Kaireon.Core.Formulas;

namespace Kaireon.Core.Tests.Formulas;

/// <summary>A resolver over a map from field text to value, recording what was asked for.</summary>
internal sealed class FakeFields(Dictionary<string, FormulaValue>? values = null) : IFieldResolver
{
    public Dictionary<string, FormulaValue> Values { get; } = values ?? [];

    public List<FieldReference> Resolved { get; } = [];

    public FormulaValue Resolve(FieldReference field)
    {
        Resolved.Add(field);
        return Values.GetValueOrDefault(field.Text);
    }

    public static FakeFields Of(params (string Field, object? Value)[] values) =>
        new(values.ToDictionary(v => v.Field, v => v.Value switch
        {
            null => FormulaValue.Null,
            string s => FormulaValue.String(s),
            bool b => FormulaValue.Boolean(b),
            var n => FormulaValue.Number(Convert.ToDouble(n, System.Globalization.CultureInfo.InvariantCulture)),
        }));
}
