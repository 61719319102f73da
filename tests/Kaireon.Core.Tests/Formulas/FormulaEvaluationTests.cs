using Kaireon.Core.Formulas;

namespace Kaireon.Core.Tests.Formulas;

public sealed class FormulaEvaluationTests
{
    private static FormulaValue Eval(string text, FakeFields? fields = null) => Formula.Compile(text).Evaluate(fields ?? new FakeFields());

    private static double? Number(string text, FakeFields? fields = null) => Eval(text, fields).AsNumber();

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("100 / 10 / 5", 2)]
    [InlineData("7 % 4 * 2", 6)]
    [InlineData("-2 * 3", -6)]
    [InlineData("--2", 2)]
    [InlineData("2 - -3", 5)]
    [InlineData("1.5e2 + 0.25", 150.25)]
    [InlineData("-(1 + 2) * 2", -6)]
    public void Arithmetic_follows_the_usual_precedence(string text, double expected) => Assert.Equal(expected, Number(text));

    [Theory]
    [InlineData("1 + 1 == 2 && 3 > 2", true)]
    [InlineData("true || false && false", true)]
    [InlineData("(true || false) && false", false)]
    [InlineData("!true || true", true)]
    [InlineData("not (1 == 1)", false)]
    [InlineData("1 < 2 == true", true)]
    [InlineData("1 == 1 and 2 == 2 or false", true)]
    [InlineData("2 * 3 >= 6", true)]
    [InlineData("5 <= 4", false)]
    [InlineData("'a' < 'b'", true)]
    [InlineData("'abc' == \"abc\"", true)]
    [InlineData("1 != 2", true)]
    public void Logic_binds_looser_than_comparison(string text, bool expected) => Assert.Equal(FormulaValue.Boolean(expected), Eval(text));

    [Theory]
    [InlineData("if(true, 1, 2)", 1)]
    [InlineData("if(false, 1, 2)", 2)]
    [InlineData("if(null, 1, 2)", 2)]
    [InlineData("if(1, 1, 2)", 2)]
    [InlineData("min(3, 1, 2)", 1)]
    [InlineData("max(3, 1, 2)", 3)]
    [InlineData("min(4)", 4)]
    [InlineData("round(2.5)", 3)]
    [InlineData("round(-2.5)", -3)]
    [InlineData("round(3.14159, 2)", 3.14)]
    [InlineData("round(1234.5678, 0)", 1235)]
    [InlineData("coalesce(null, null, 3, 4)", 3)]
    [InlineData("abs(-4.5)", 4.5)]
    [InlineData("floor(2.7)", 2)]
    [InlineData("floor(-2.2)", -3)]
    [InlineData("ceil(2.1)", 3)]
    public void Each_function_computes_its_value(string text, double expected) => Assert.Equal(expected, Number(text));

    [Fact]
    public void Concat_joins_text_and_skips_nulls() =>
        Assert.Equal(FormulaValue.String("APR 19.9% for true"), Eval("concat('APR ', 19.9, '%', null, ' for ', true)"));

    [Fact]
    public void If_and_coalesce_evaluate_only_what_they_need()
    {
        var fields = FakeFields.Of(("offer.a", 1));
        Assert.Equal(1, Number("if(true, offer.a, offer.b)", fields));
        Assert.Equal(1, Number("coalesce(offer.a, offer.b)", fields));
        Assert.Equal(FormulaValue.False, Eval("false && offer.b > 0", fields));
        Assert.Equal(FormulaValue.True, Eval("true || offer.b > 0", fields));
        Assert.DoesNotContain(fields.Resolved, f => f.Text == "offer.b");
    }

    [Theory]
    [InlineData("null + 1")]
    [InlineData("1 - null")]
    [InlineData("null * 2")]
    [InlineData("-null")]
    [InlineData("offer.missing / 2")]
    [InlineData("'a' + 1")]
    [InlineData("true * 2")]
    [InlineData("min(1, null)")]
    [InlineData("max('a', 1)")]
    [InlineData("round(null)")]
    [InlineData("round(2.5, 1.5)")]
    [InlineData("round(2.5, 16)")]
    [InlineData("abs('x')")]
    [InlineData("coalesce(null, offer.missing)")]
    [InlineData("if(false, 1, null)")]
    public void Arithmetic_with_null_or_non_numbers_is_null(string text) => Assert.True(Eval(text).IsNull);

    [Theory]
    [InlineData("1 / 0")]
    [InlineData("0 / 0")]
    [InlineData("5 % 0")]
    [InlineData("offer.price / (offer.count - offer.count)")]
    public void Division_by_zero_is_null(string text) =>
        Assert.True(Eval(text, FakeFields.Of(("offer.price", 10), ("offer.count", 3))).IsNull);

    [Fact]
    public void Overflow_is_null_never_infinity() => Assert.True(Eval("1e308 * 10").IsNull);

    [Theory]
    [InlineData("null > 1", false)]
    [InlineData("null < 1", false)]
    [InlineData("null >= null", false)]
    [InlineData("offer.missing <= 5", false)]
    [InlineData("'1' < 2", false)]
    [InlineData("true > false", false)]
    [InlineData("null == null", true)]
    [InlineData("offer.missing == null", true)]
    [InlineData("1 == null", false)]
    [InlineData("1 != null", true)]
    [InlineData("1 == '1'", false)]
    [InlineData("!null", true)]
    [InlineData("null && true", false)]
    [InlineData("null || 1", false)]
    public void Comparisons_with_null_are_false_but_equality_knows_null(string text, bool expected) =>
        Assert.Equal(FormulaValue.Boolean(expected), Eval(text));

    [Fact]
    public void Fields_resolve_through_the_resolver()
    {
        var fields = FakeFields.Of(
            ("offer.customFields.apr", 19.9),
            ("customer.tier", "gold"),
            ("attributes.propensityScores[\"credit-cards\"]", 0.8),
            ("metrics.7d_clicks", 3));
        var formula = Formula.Compile(
            "if(customer.tier == 'gold', offer.customFields.apr - 2, offer.customFields.apr) * attributes.propensityScores[\"credit-cards\"] + metrics.7d_clicks");

        Assert.Equal(17.9 * 0.8 + 3, formula.Evaluate(fields).AsNumber()!.Value, 10);
        Assert.Equal(
            ["customer.tier", "offer.customFields.apr", "attributes.propensityScores[\"credit-cards\"]", "metrics.7d_clicks"],
            formula.Fields.Select(f => f.Text));
        Assert.Equal(FieldRoot.Attributes, formula.Fields[2].Root);
        Assert.Equal(["propensityScores", "credit-cards"], formula.Fields[2].Segments);
        Assert.Equal(["customFields", "apr"], formula.Fields[1].Segments);
    }

    [Fact]
    public void Bracketed_keys_can_be_followed_by_more_segments()
    {
        var formula = Formula.Compile("attributes[\"a b\"].c.d");
        Assert.Equal(["a b", "c", "d"], formula.Fields.Single().Segments);
    }

    [Fact]
    public void Strings_support_escapes() =>
        Assert.Equal(FormulaValue.String("it's \"x\"\n\\"), Eval("'it\\'s \"x\"\\n\\\\'"));

    [Fact]
    public void A_compiled_formula_is_reusable_across_candidates()
    {
        var formula = Formula.Compile("offer.priority * 2");
        Assert.Equal(2, formula.Evaluate(FakeFields.Of(("offer.priority", 1))).AsNumber());
        Assert.Equal(10, formula.Evaluate(FakeFields.Of(("offer.priority", 5))).AsNumber());
    }
}
