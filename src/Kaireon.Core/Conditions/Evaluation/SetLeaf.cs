using System.Collections.Frozen;

namespace Kaireon.Core.Conditions.Evaluation;

/// <summary>
/// <c>in</c>/<c>not_in</c>: a list item matches as <c>eq</c> would with it as the value, so numeric
/// items (numbers and numeric strings) match numbers and numeric strings by value, other strings match
/// exactly, booleans match booleans. Objects, arrays and instants are a mismatch (both false).
/// </summary>
internal sealed class SetLeaf : LeafEvaluator
{
    private readonly bool _negated;
    private readonly FrozenSet<double> _numbers;
    private readonly FrozenSet<string> _strings;
    private readonly bool _true, _false;

    public SetLeaf(ConditionLeaf leaf, IEnumerable<ConditionValue> items) : base(leaf)
    {
        _negated = leaf.Operator.IsNegated();
        var numbers = new List<double>();
        var strings = new List<string>();
        foreach (var item in items)
        {
            if (item.TryGetNumber(out var number)) numbers.Add(number);
            else if (item.Kind == ConditionValueKind.String) strings.Add(item.Text!);
            else if (item.Bool) _true = true;
            else _false = true;
        }
        _numbers = numbers.ToFrozenSet();
        _strings = strings.ToFrozenSet(StringComparer.Ordinal);
    }

    protected override bool Test(in ConditionValue value)
    {
        bool found;
        switch (value.Kind)
        {
            case ConditionValueKind.Number:
                found = _numbers.Contains(value.Number);
                break;
            case ConditionValueKind.String:
                // The value's own number reading: made once per record when the record is read into slots.
                found = _strings.Contains(value.Text!) || (_numbers.Count > 0 && value.TryGetNumber(out var number) && _numbers.Contains(number));
                break;
            case ConditionValueKind.Bool:
                found = value.Bool ? _true : _false;
                break;
            default:
                return false;
        }
        return found != _negated;
    }
}
