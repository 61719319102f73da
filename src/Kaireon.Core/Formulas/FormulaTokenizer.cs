using System.Globalization;
using System.Text;

namespace Kaireon.Core.Formulas;

/// <summary>
/// Splits a formula into tokens. Names may be dotted (<c>offer.customFields.apr</c>); a segment
/// after a dot may start with a digit (<c>metrics.7d_clicks</c>). Keywords are lowercase.
/// </summary>
internal static class FormulaTokenizer
{
    public static List<FormulaToken> Tokenize(string text)
    {
        var tokens = new List<FormulaToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length)
            {
                tokens.Add(new(TokenKind.End, text.Length + 1, ""));
                return tokens;
            }
            var start = i;
            var c = text[i];
            if (char.IsAsciiDigit(c)) tokens.Add(ReadNumber(text, ref i));
            else if (c is '"' or '\'') tokens.Add(ReadString(text, ref i));
            else if (char.IsAsciiLetter(c) || c == '_') tokens.Add(ReadName(text, ref i));
            else
            {
                var two = i + 1 < text.Length ? text.AsSpan(i, 2) : [];
                var (kind, length) = two switch
                {
                    "==" => (TokenKind.Equal, 2),
                    "!=" => (TokenKind.NotEqual, 2),
                    "<=" => (TokenKind.LessOrEqual, 2),
                    ">=" => (TokenKind.GreaterOrEqual, 2),
                    "&&" => (TokenKind.And, 2),
                    "||" => (TokenKind.Or, 2),
                    _ => (Single(c, start), 1),
                };
                tokens.Add(new(kind, start + 1, text.Substring(i, length)));
                i += length;
            }
        }
    }

    private static TokenKind Single(char c, int index) => c switch
    {
        '+' => TokenKind.Plus,
        '-' => TokenKind.Minus,
        '*' => TokenKind.Star,
        '/' => TokenKind.Slash,
        '%' => TokenKind.Percent,
        '<' => TokenKind.Less,
        '>' => TokenKind.Greater,
        '!' => TokenKind.Not,
        '(' => TokenKind.OpenParen,
        ')' => TokenKind.CloseParen,
        '[' => TokenKind.OpenBracket,
        ']' => TokenKind.CloseBracket,
        ',' => TokenKind.Comma,
        '.' => TokenKind.Dot,
        '=' => throw Error(index, "'=' is not an operator: compare with '=='."),
        '&' => throw Error(index, "'&' is not an operator: use '&&' (or 'and')."),
        '|' => throw Error(index, "'|' is not an operator: use '||' (or 'or')."),
        _ => throw Error(index, $"unexpected character '{c}'."),
    };

    private static FormulaToken ReadNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (i >= text.Length || !char.IsAsciiDigit(text[i])) throw Error(i, "expected a digit after the decimal point.");
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-') i++;
            if (i >= text.Length || !char.IsAsciiDigit(text[i])) throw Error(i, "expected the exponent's digits.");
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        }
        if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '_')) throw Error(i, $"unexpected '{text[i]}' after a number.");
        var source = text[start..i];
        var value = double.Parse(source, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value)) throw Error(start, "the number is too large.");
        return new(TokenKind.Number, start + 1, source, value);
    }

    private static FormulaToken ReadString(string text, ref int i)
    {
        var start = i;
        var quote = text[i++];
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\')
            {
                if (i + 1 >= text.Length) break;
                value.Append(text[i + 1] switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    '\'' => '\'',
                    'n' => '\n',
                    't' => '\t',
                    var other => throw Error(i, $"unknown escape '\\{other}': use \\\\, \\\", \\', \\n or \\t."),
                });
                i += 2;
            }
            else value.Append(text[i++]);
        }
        if (i >= text.Length) throw Error(start, "the string is not closed.");
        i++;
        return new(TokenKind.String, start + 1, value.ToString());
    }

    private static FormulaToken ReadName(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
            // A dot followed by a name character continues the dotted name.
            if (i + 1 < text.Length && text[i] == '.' && (char.IsAsciiLetterOrDigit(text[i + 1]) || text[i + 1] == '_')) i++;
        }
        var name = text[start..i];
        var kind = name switch
        {
            "true" => TokenKind.True,
            "false" => TokenKind.False,
            "null" => TokenKind.Null,
            "and" => TokenKind.And,
            "or" => TokenKind.Or,
            "not" => TokenKind.Not,
            _ => TokenKind.Name,
        };
        return new(kind, start + 1, name);
    }

    /// <summary>An error at a 0-based index, reported 1-based.</summary>
    public static FormulaException Error(int index, string message) => new(new FormulaError(index + 1, message));
}
