namespace Kaireon.Core.Formulas;

/// <summary>
/// Recursive descent over the tokens, loosest binding first:
/// <c>|| or</c> → <c>&amp;&amp; and</c> → <c>== !=</c> → <c>&lt; &lt;= &gt; &gt;=</c> → <c>+ -</c> →
/// <c>* / %</c> → unary <c>- ! not</c> → literals, fields, calls and parentheses.
/// Binary operators associate to the left; comparisons do not chain.
/// </summary>
internal sealed class FormulaParser
{
    private readonly List<FormulaToken> _tokens;
    private readonly int _maxDepth;
    private readonly List<FieldReference> _fields = [];
    private int _next;
    private int _depth;

    private FormulaParser(List<FormulaToken> tokens, int maxDepth)
    {
        _tokens = tokens;
        _maxDepth = maxDepth;
    }

    public static (FormulaNode Root, IReadOnlyList<FieldReference> Fields) Parse(string text, int maxDepth)
    {
        var parser = new FormulaParser(FormulaTokenizer.Tokenize(text), maxDepth);
        if (parser.Peek.Kind == TokenKind.End) throw Error(parser.Peek, "the formula is empty.");
        var root = parser.ParseOr();
        var trailing = parser.Peek;
        if (trailing.Kind == TokenKind.CloseParen) throw Error(trailing, "')' has no matching '('.");
        if (trailing.Kind != TokenKind.End) throw Error(trailing, $"unexpected {Describe(trailing)} after the end of the expression: is an operator missing?");
        return (root, parser._fields);
    }

    private FormulaToken Peek => _tokens[_next];

    private FormulaToken Take() => _tokens[_next++];

    private bool TakeIf(TokenKind kind)
    {
        if (Peek.Kind != kind) return false;
        _next++;
        return true;
    }

    private FormulaNode ParseOr()
    {
        var left = ParseAnd();
        while (TakeIf(TokenKind.Or)) left = new LogicalNode(isAnd: false, left, ParseAnd());
        return left;
    }

    private FormulaNode ParseAnd()
    {
        var left = ParseEquality();
        while (TakeIf(TokenKind.And)) left = new LogicalNode(isAnd: true, left, ParseEquality());
        return left;
    }

    private FormulaNode ParseEquality()
    {
        var left = ParseComparison();
        while (Peek.Kind is TokenKind.Equal or TokenKind.NotEqual)
        {
            var op = Take().Kind == TokenKind.Equal ? BinaryOperator.Equal : BinaryOperator.NotEqual;
            left = new BinaryNode(op, left, ParseComparison());
        }
        return left;
    }

    private FormulaNode ParseComparison()
    {
        var left = ParseAdditive();
        if (ComparisonOf(Peek.Kind) is not { } op) return left;
        Take();
        var node = new BinaryNode(op, left, ParseAdditive());
        if (ComparisonOf(Peek.Kind) is not null)
            throw Error(Peek, "comparisons do not chain: write 'a < b && b < c'.");
        return node;
    }

    private static BinaryOperator? ComparisonOf(TokenKind kind) => kind switch
    {
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
        TokenKind.Greater => BinaryOperator.Greater,
        TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
        _ => null,
    };

    private FormulaNode ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Take().Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            left = new BinaryNode(op, left, ParseMultiplicative());
        }
        return left;
    }

    private FormulaNode ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Peek.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Take().Kind switch
            {
                TokenKind.Star => BinaryOperator.Multiply,
                TokenKind.Slash => BinaryOperator.Divide,
                _ => BinaryOperator.Modulo,
            };
            left = new BinaryNode(op, left, ParseUnary());
        }
        return left;
    }

    private FormulaNode ParseUnary()
    {
        if (Peek.Kind is not (TokenKind.Minus or TokenKind.Not)) return ParsePrimary();
        var token = Take();
        Enter(token);
        var operand = ParseUnary();
        _depth--;
        return token.Kind == TokenKind.Minus ? new NegateNode(operand) : new NotNode(operand);
    }

    private FormulaNode ParsePrimary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.Number: return new ConstantNode(FormulaValue.Number(token.Number));
            case TokenKind.String: return new ConstantNode(FormulaValue.String(token.Text));
            case TokenKind.True: return new ConstantNode(FormulaValue.True);
            case TokenKind.False: return new ConstantNode(FormulaValue.False);
            case TokenKind.Null: return new ConstantNode(FormulaValue.Null);
            case TokenKind.OpenParen:
            {
                Enter(token);
                var inner = ParseOr();
                if (!TakeIf(TokenKind.CloseParen)) throw Unclosed(token);
                _depth--;
                return inner;
            }
            case TokenKind.Name when Peek.Kind == TokenKind.OpenParen: return ParseCall(token);
            case TokenKind.Name: return ParseField(token);
            case TokenKind.End: throw Error(token, "the formula ends where a value was expected.");
            default: throw Error(token, $"unexpected {Describe(token)} where a value was expected.");
        }
    }

    private FormulaNode ParseCall(FormulaToken name)
    {
        if (name.Text.Contains('.', StringComparison.Ordinal))
            throw Error(name, $"'{name.Text}' is not a function: only {FormulaFunctions.Names} can be called.");
        if (!FormulaFunctions.IsFunction(name.Text)) FormulaFunctions.Create(name.Text, [], name.Position);
        var open = Take();
        Enter(open);
        var args = new List<FormulaNode>();
        if (!TakeIf(TokenKind.CloseParen))
        {
            do args.Add(ParseOr());
            while (TakeIf(TokenKind.Comma));
            if (!TakeIf(TokenKind.CloseParen))
                throw Peek.Kind == TokenKind.End ? Unclosed(open) : Error(Peek, $"expected ',' or ')' in the arguments of {name.Text}(), found {Describe(Peek)}.");
        }
        _depth--;
        return FormulaFunctions.Create(name.Text, [.. args], name.Position);
    }

    /// <summary>A root and its path: dotted segments, and <c>["any key"]</c> for keys that are not plain names.</summary>
    private FieldNode ParseField(FormulaToken name)
    {
        var parts = name.Text.Split('.');
        if (FieldReference.RootOf(parts[0]) is not { } root)
        {
            var message = parts.Length > 1
                ? $"unknown field root '{parts[0]}': fields start with {FieldReference.RootNames}."
                : FormulaFunctions.IsFunction(parts[0])
                    ? $"{parts[0]} is a function: call it as {parts[0]}(...)."
                    : $"unknown name '{parts[0]}': fields start with {FieldReference.RootNames} (e.g. offer.priority).";
            throw Error(name, message);
        }
        var segments = new List<string>(parts.Length + 1);
        for (var i = 1; i < parts.Length; i++) segments.Add(parts[i]);
        while (true)
        {
            if (TakeIf(TokenKind.OpenBracket))
            {
                var key = Take();
                if (key.Kind != TokenKind.String) throw Error(key, "expected a quoted key inside [ ], e.g. [\"credit-cards\"].");
                if (!TakeIf(TokenKind.CloseBracket)) throw Error(Peek, "expected ']' after the key.");
                segments.Add(key.Text);
            }
            else if (Peek.Kind == TokenKind.Dot)
            {
                var dot = Take();
                var segment = Take();
                if (segment.Kind is not (TokenKind.Name or TokenKind.True or TokenKind.False or TokenKind.Null or TokenKind.And or TokenKind.Or or TokenKind.Not))
                    throw Error(dot, "expected a field name after '.'.");
                segments.AddRange(segment.Text.Split('.'));
            }
            else break;
        }
        if (segments.Count == 0)
            throw Error(name, $"'{parts[0]}' needs a field: {parts[0]}.<name>.");
        var field = new FieldReference(root, [.. segments]);
        if (!_fields.Exists(f => f.Text == field.Text)) _fields.Add(field);
        return new FieldNode(field);
    }

    private void Enter(FormulaToken token)
    {
        if (++_depth > _maxDepth) throw Error(token, $"the formula nests more than {_maxDepth} levels deep.");
    }

    private static FormulaException Unclosed(FormulaToken open) => Error(open, "this '(' is not closed.");

    private static FormulaException Error(FormulaToken token, string message) => new(new FormulaError(token.Position, message));

    private static string Describe(FormulaToken token) => token.Kind switch
    {
        TokenKind.End => "end of the formula",
        TokenKind.String => $"string \"{token.Text}\"",
        _ => $"'{token.Text}'",
    };
}
