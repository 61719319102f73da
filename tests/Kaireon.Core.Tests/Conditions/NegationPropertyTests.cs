using Kaireon.Core.Conditions;
using static Kaireon.Core.Tests.Conditions.Conditions;

namespace Kaireon.Core.Tests.Conditions;

/// <summary>
/// A property over seeded random values: for a present value of a type the operator reads,
/// <c>not_X</c> is exactly <c>!X</c>; for a missing field <c>X</c> is false and <c>not_X</c> true.
/// (Hand-rolled rather than FsCheck: the generators are five lines and no package is needed.)
/// </summary>
public sealed class NegationPropertyTests
{
    private static readonly (string Positive, string Negated)[] Pairs =
    [
        ("eq", "neq"), ("in", "not_in"), ("contains", "not_contains"), ("starts_with", "not_starts_with"),
        ("ends_with", "not_ends_with"), ("on", "not_on"), ("is", "is_not"),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Not_X_is_the_negation_of_X_for_present_values(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 400; i++)
        {
            var (positive, negated) = Pairs[random.Next(Pairs.Length)];
            var value = ConditionValueFor(positive, random);
            var actual = Scalar(random);
            var data = $"{{'x':{actual}}}";

            var x = Evaluate(Leaf(positive, value), data);
            var notX = Evaluate(Leaf(negated, value), data);

            if (Reads(positive, value, actual)) Assert.True(x != notX, $"{positive} {value} on {actual}: {x}, {negated}: {notX}");
            else Assert.False(x || notX, $"mismatch {positive} {value} on {actual} must be false both ways");
            Assert.False(Evaluate(Leaf(positive, value), "{}"));
            Assert.True(Evaluate(Leaf(negated, value), "{}"));
        }
    }

    private static readonly string[] Words = ["'a'", "'ab'", "'ba'", "'b'", "''", "'5'", "'5.0'", "'2022-05-23'", "'2022-05-23T10:00:00.000Z'"];

    private static string Scalar(Random random) => random.Next(4) switch
    {
        0 => random.Next(-3, 8).ToString(System.Globalization.CultureInfo.InvariantCulture),
        1 => random.Next(2) == 0 ? "true" : "false",
        _ => Words[random.Next(Words.Length)],
    };

    private static string ConditionValueFor(string op, Random random) => op switch
    {
        "on" => random.Next(2) == 0 ? "'2022-05-23'" : "'2022-05-23T10:00:00.000Z'",
        "contains" or "starts_with" or "ends_with" => Words[random.Next(5)],
        "in" => $"[{Scalar(random)},{Scalar(random)}]",
        _ => Scalar(random),
    };

    /// <summary>Whether the operator reads this value's type (otherwise it is a mismatch, false both ways).</summary>
    private static bool Reads(string op, string value, string actual)
    {
        var isString = actual.StartsWith('\'');
        var actualValue = isString ? ConditionValue.From(actual.Trim('\'')) : ConditionValue.FromJson(JsonOf(actual));
        var expected = value.StartsWith('\'') ? ConditionValue.From(value.Trim('\'')) : ConditionValue.FromJson(JsonOf(value));
        return op switch
        {
            "eq" when expected.TryGetNumber(out _) => actualValue.TryGetNumber(out _),
            "eq" => actualValue.Kind == expected.Kind,
            "contains" or "starts_with" or "ends_with" => isString,
            "on" => actualValue.TryGetDate(out _),
            _ => true,
        };
    }
}
