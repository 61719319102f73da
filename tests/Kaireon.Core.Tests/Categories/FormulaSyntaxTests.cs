using Kaireon.Core.Categories;

namespace Kaireon.Core.Tests.Categories;

public sealed class FormulaSyntaxTests
{
    [Theory]
    [InlineData("offer.apr * 2")]
    [InlineData("(attributes.income - 1000) / (offer.fee + 1)")]
    [InlineData("concat(\"a (\", 'b)')")]
    [InlineData("\"escaped \\\" quote (\"")]
    public void Well_formed_formulas_pass(string formula) => Assert.Null(FormulaSyntax.Check(formula, 2000));

    [Theory]
    [InlineData("", "blank")]
    [InlineData("(a + b", "unclosed")]
    [InlineData("a + b)", "without its '('")]
    [InlineData("concat(\"abc)", "not closed")]
    public void Malformed_formulas_say_what_is_wrong(string formula, string expected) =>
        Assert.Contains(expected, FormulaSyntax.Check(formula, 2000));

    [Fact]
    public void Formulas_over_the_limit_are_rejected() =>
        Assert.Contains("at most 10", FormulaSyntax.Check(new string('a', 11), 10));
}
