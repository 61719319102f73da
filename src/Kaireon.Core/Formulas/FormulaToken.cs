namespace Kaireon.Core.Formulas;

internal enum TokenKind
{
    End,
    Number,
    String,
    /// <summary>A name, possibly dotted: <c>min</c>, <c>offer.customFields.apr</c>.</summary>
    Name,
    True,
    False,
    Null,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
    Not,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Comma,
    Dot,
}

/// <summary>One token; <see cref="Position"/> is 1-based, <see cref="Text"/> the source text (the decoded value for a string).</summary>
internal readonly record struct FormulaToken(TokenKind Kind, int Position, string Text, double Number = 0);
