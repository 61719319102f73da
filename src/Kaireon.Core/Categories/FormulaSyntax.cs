namespace Kaireon.Core.Categories;

/// <summary>
/// The save-time check of a computed field's formula: length, balanced parentheses and closed
/// string literals. The formula language itself is evaluated by the decision pipeline's compute
/// step; this catches the typing mistakes that would otherwise surface only at decision time.
/// </summary>
public static class FormulaSyntax
{
    /// <summary>Null when the formula passes, else what is wrong with it.</summary>
    public static string? Check(string formula, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(formula)) return "must not be blank.";
        if (formula.Length > maxLength) return $"must be at most {maxLength} characters.";
        var depth = 0;
        char? quote = null;
        for (var i = 0; i < formula.Length; i++)
        {
            var c = formula[i];
            if (quote is { } q)
            {
                if (c == '\\') i++;
                else if (c == q) quote = null;
                continue;
            }
            switch (c)
            {
                case '"' or '\'': quote = c; break;
                case '(': depth++; break;
                case ')' when depth == 0: return $"has a ')' without its '(' at position {i}.";
                case ')': depth--; break;
            }
        }
        if (quote is not null) return "has a string literal that is not closed.";
        return depth > 0 ? $"has {depth} unclosed '('." : null;
    }
}
