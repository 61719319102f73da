using Kaireon.Core.Formulas;

namespace Kaireon.Core.Tests.Formulas;

public sealed class FormulaCompileErrorTests
{
    private static FormulaError ErrorOf(string text)
    {
        var error = Formula.Check(text);
        Assert.NotNull(error);
        return error;
    }

    [Theory]
    [InlineData("foo(1)", 1, "unknown function 'foo'")]
    [InlineData("1 + sqrt(4)", 5, "unknown function 'sqrt'")]
    [InlineData("MIN(1, 2)", 1, "unknown function 'MIN'")]
    [InlineData("if(true, 1)", 1, "if() takes 3 arguments, not 2")]
    [InlineData("min()", 1, "min() takes at least 1 argument, not 0")]
    [InlineData("round(1, 2, 3)", 1, "round() takes 1 or 2 arguments, not 3")]
    [InlineData("abs(1, 2)", 1, "abs() takes 1 argument, not 2")]
    [InlineData("system.env", 1, "unknown field root 'system'")]
    [InlineData("1 + Offer.x", 5, "unknown field root 'Offer'")]
    [InlineData("price * 2", 1, "unknown name 'price'")]
    [InlineData("offer * 2", 1, "'offer' needs a field")]
    [InlineData("offer.", 6, "expected a field name after '.'")]
    [InlineData("min + 1", 1, "min is a function")]
    [InlineData("offer.name.ToUpper()", 1, "'offer.name.ToUpper' is not a function")]
    [InlineData("(1 + 2", 1, "this '(' is not closed")]
    [InlineData("max(1, (2", 8, "this '(' is not closed")]
    [InlineData("min(1, 2", 4, "this '(' is not closed")]
    [InlineData("1 + 2)", 6, "')' has no matching '('")]
    [InlineData("1 2", 3, "unexpected '2' after the end of the expression")]
    [InlineData("offer.a offer.b", 9, "unexpected 'offer.b'")]
    [InlineData("1 +", 4, "ends where a value was expected")]
    [InlineData("* 2", 1, "unexpected '*' where a value was expected")]
    [InlineData("", 1, "the formula is empty")]
    [InlineData("   ", 4, "the formula is empty")]
    [InlineData("a = 1", 3, "compare with '=='")]
    [InlineData("true & false", 6, "use '&&'")]
    [InlineData("true | false", 6, "use '||'")]
    [InlineData("1 # 2", 3, "unexpected character '#'")]
    [InlineData("'abc", 1, "the string is not closed")]
    [InlineData("'a\\qb'", 3, "unknown escape")]
    [InlineData("1.", 3, "expected a digit after the decimal point")]
    [InlineData("1e", 3, "expected the exponent's digits")]
    [InlineData("12abc", 3, "unexpected 'a' after a number")]
    [InlineData("1 < 2 < 3", 7, "comparisons do not chain")]
    [InlineData("min(1 2)", 7, "expected ',' or ')'")]
    [InlineData("attributes[1]", 12, "expected a quoted key")]
    [InlineData("attributes['a'", 15, "expected ']'")]
    public void Every_compile_error_names_its_position(string text, int position, string message)
    {
        var error = ErrorOf(text);
        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Compile_throws_with_the_error_and_its_position()
    {
        var e = Assert.Throws<FormulaException>(() => Formula.Compile("1 + bogus(2)"));
        Assert.Equal(5, e.Error.Position);
        Assert.StartsWith("at position 5: unknown function 'bogus'", e.Message);
    }

    [Fact]
    public void Formulas_are_at_most_1000_characters()
    {
        var longest = "1" + string.Concat(Enumerable.Repeat(" + 1", 249)) + "   ";
        Assert.Equal(Formula.MaxLength, longest.Length);
        Assert.Null(Formula.Check(longest));

        var error = ErrorOf(longest + " ");
        Assert.Equal(0, error.Position);
        Assert.Contains("at most 1000", error.Message);
    }

    [Fact]
    public void Nesting_is_at_most_32_levels()
    {
        Assert.Null(Formula.Check(new string('(', 32) + "1" + new string(')', 32)));
        var error = ErrorOf(new string('(', 33) + "1" + new string(')', 33));
        Assert.Equal(33, error.Position);
        Assert.Contains("more than 32 levels", error.Message);
    }

    [Fact]
    public void Calls_and_unary_operators_count_towards_the_depth()
    {
        Assert.Contains("levels", ErrorOf(string.Concat(Enumerable.Repeat("abs(", 33)) + "1" + new string(')', 33)).Message);
        Assert.Contains("levels", ErrorOf(new string('-', 33) + "1").Message);
        Assert.Null(Formula.Check(new string('-', 32) + "1"));
    }

    [Fact]
    public void Long_flat_chains_are_fine() =>
        Assert.Equal(250, Formula.Compile("1" + string.Concat(Enumerable.Repeat("+1", 249))).Evaluate(new FakeFields()).AsNumber());
}
