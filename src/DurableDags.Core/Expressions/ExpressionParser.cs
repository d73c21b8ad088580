using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

/// <summary>
/// Recursive descent over one expression. Precedence, loosest first, as in GitHub Actions:
/// <c>||</c>, <c>&amp;&amp;</c>, <c>== !=</c>, <c>&lt; &lt;= &gt; &gt;= in</c>, <c>!</c>, then
/// <c>.</c>, <c>[ ]</c> and calls.
/// </summary>
internal sealed class ExpressionParser
{
    /// <summary>Deep enough for any real expression, shallow enough to never overflow the stack.</summary>
    private const int MaxDepth = 64;

    /// <summary>
    /// Chains such as <c>a || b || ...</c> or <c>a.b.c...</c> nest one tree level per step, and
    /// evaluation recurses through them; this bounds that depth.
    /// </summary>
    private const int MaxSteps = 1000;

    private readonly ExpressionSource _source;
    private readonly ExpressionLexer _lexer;
    private readonly List<ExpressionReference> _references;
    private ExpressionToken _token;
    private ExpressionToken? _previous;
    private int _depth;
    private int _steps;

    private ExpressionParser(ExpressionSource source, List<ExpressionReference> references)
    {
        _source = source;
        _lexer = new ExpressionLexer(source);
        _references = references;
        _token = _lexer.Next();
    }

    /// <summary>Parses the expression at <paramref name="source"/>, adding the names it reads to <paramref name="references"/>.</summary>
    public static ExpressionNode Parse(ExpressionSource source, List<ExpressionReference> references)
    {
        var parser = new ExpressionParser(source, references);
        if (parser._token.Kind == TokenKind.End)
        {
            throw source.Error(source.Start, "the expression is empty");
        }

        var node = parser.ParseOr();
        if (parser._token.Kind != TokenKind.End)
        {
            throw parser.Error(parser._token.Kind == TokenKind.Number && source.Text[parser._token.Start] == '-'
                ? "arithmetic is not supported ('-')"
                : $"expected an operator or '}}}}' but found {parser.Describe(parser._token)}");
        }

        return node;
    }

    private ExpressionNode ParseOr() => ParseLogical(TokenKind.Or);

    /// <summary><c>||</c> over <c>&amp;&amp;</c> over comparisons.</summary>
    private ExpressionNode ParseLogical(TokenKind kind)
    {
        var left = kind == TokenKind.Or ? ParseLogical(TokenKind.And) : ParseComparison(equality: true);
        while (_token.Kind == kind)
        {
            var op = Advance();
            Step();
            var right = kind == TokenKind.Or ? ParseLogical(TokenKind.And) : ParseComparison(equality: true);
            left = new LogicalNode(op.Start, isAnd: kind == TokenKind.And, left, right);
        }

        return left;
    }

    /// <summary><c>== !=</c> over <c>&lt; &lt;= &gt; &gt;= in</c> over unary operators.</summary>
    private ExpressionNode ParseComparison(bool equality)
    {
        var left = equality ? ParseComparison(equality: false) : ParseUnary();
        while (equality
            ? _token.Kind is TokenKind.Equal or TokenKind.NotEqual
            : _token.Kind is TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual or TokenKind.In)
        {
            var op = Advance();
            Step();
            var right = equality ? ParseComparison(equality: false) : ParseUnary();
            left = new ComparisonNode(op.Start, op.Kind, left, right);
        }

        return left;
    }

    private ExpressionNode ParseUnary()
    {
        if (_token.Kind != TokenKind.Not)
        {
            return ParsePostfix();
        }

        var op = Advance();
        Enter();
        var operand = ParseUnary();
        _depth--;
        return new NotNode(op.Start, operand);
    }

    private ExpressionNode ParsePostfix()
    {
        var start = _token.Start;
        var node = ParsePrimary();
        var reference = node is NameNode ? _references.Count - 1 : -1;
        while (true)
        {
            if (_token.Kind == TokenKind.Dot)
            {
                Advance();
                Step();
                if (_token.Kind is not (TokenKind.Name or TokenKind.True or TokenKind.False or TokenKind.Null or TokenKind.In))
                {
                    throw Error($"expected a name after '.' but found {Describe(_token)}");
                }

                node = Member(node, start, Text(Advance()), ref reference);
            }
            else if (_token.Kind == TokenKind.OpenBracket)
            {
                var open = Advance();
                Step();
                Enter();
                var index = ParseOr();
                _depth--;
                Expect(TokenKind.CloseBracket, open, "']'");
                node = index is LiteralNode literal && ExpressionValues.TryGetString(literal.Value, out var key)
                    ? Member(node, start, key, ref reference)
                    : new IndexNode(start, node, index);
                reference = -1;
            }
            else if (_token.Kind == TokenKind.OpenParen)
            {
                throw Error("only functions can be called, and only by name");
            }
            else
            {
                return node;
            }
        }
    }

    /// <summary>Builds <c>node.name</c>; the first member after a root completes that root's reference.</summary>
    private MemberNode Member(ExpressionNode node, int start, string name, ref int reference)
    {
        if (reference >= 0)
        {
            _references[reference] = _references[reference] with { Member = name };
            reference = -1;
        }

        return new MemberNode(start, node, name);
    }

    private ExpressionNode ParsePrimary()
    {
        var token = _token;
        switch (token.Kind)
        {
            case TokenKind.Name:
                Advance();
                if (_token.Kind == TokenKind.OpenParen)
                {
                    return ParseCall(token);
                }

                var name = Text(token);
                _references.Add(new ExpressionReference(name, null, token.Start));
                return new NameNode(token.Start, name);
            case TokenKind.Number:
                Advance();
                return new LiteralNode(token.Start, _lexer.NumberValue(token));
            case TokenKind.String:
                Advance();
                return new LiteralNode(token.Start, JsonValue.Create(_lexer.StringValue(token)));
            case TokenKind.True or TokenKind.False:
                Advance();
                return new LiteralNode(token.Start, JsonValue.Create(token.Kind == TokenKind.True));
            case TokenKind.Null:
                Advance();
                return new LiteralNode(token.Start, null);
            case TokenKind.OpenParen:
                Advance();
                Enter();
                var inner = ParseOr();
                _depth--;
                Expect(TokenKind.CloseParen, token, "')'");
                return inner;
            case TokenKind.OpenBracket:
                Advance();
                return new ListNode(token.Start, ParseItems(token, TokenKind.CloseBracket, "']'"));
            default:
                throw Error(_previous is { } previous
                    ? $"expected a value after {Describe(previous)}"
                    : $"expected a value but found {Describe(token)}");
        }
    }

    private CallNode ParseCall(ExpressionToken name)
    {
        var text = Text(name);
        if (!ExpressionFunctions.TryGet(text, out var function))
        {
            throw _source.Error(name.Start, $"unknown function '{text}'; the functions are {ExpressionFunctions.Names}");
        }

        var open = Advance();
        var arguments = ParseItems(open, TokenKind.CloseParen, "')'");
        if (function.CheckCount(arguments.Length) is { } problem)
        {
            throw _source.Error(name.Start, problem);
        }

        return new CallNode(name.Start, function, arguments);
    }

    /// <summary>Comma-separated values up to <paramref name="close"/>; the opening token is already read.</summary>
    private ExpressionNode[] ParseItems(ExpressionToken open, TokenKind close, string closeText)
    {
        Enter();
        var items = new List<ExpressionNode>();
        if (_token.Kind != close)
        {
            items.Add(ParseOr());
            while (_token.Kind == TokenKind.Comma)
            {
                Advance();
                items.Add(ParseOr());
            }
        }

        Expect(close, open, closeText);
        _depth--;
        return [.. items];
    }

    private void Expect(TokenKind kind, ExpressionToken open, string text)
    {
        if (_token.Kind != kind)
        {
            throw Error($"expected {text} to close the {Describe(open)} at column {open.Start - _source.Start + 1} but found {Describe(_token)}");
        }

        Advance();
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error($"the expression nests deeper than {MaxDepth} levels");
        }
    }

    private void Step()
    {
        if (++_steps > MaxSteps)
        {
            throw _source.Error(_previous!.Value.Start, $"the expression has more than {MaxSteps} operators");
        }
    }

    private ExpressionToken Advance()
    {
        var token = _token;
        _previous = token;
        _token = _lexer.Next();
        return token;
    }

    private string Text(ExpressionToken token) => _source.Text.Substring(token.Start, token.Length);

    private string Describe(ExpressionToken token) => token.Kind switch
    {
        TokenKind.End => "'}}'",
        TokenKind.String => "a string",
        _ => $"'{Text(token)}'",
    };

    private ExpressionException Error(string reason) => _source.Error(_token.Start, reason);
}
