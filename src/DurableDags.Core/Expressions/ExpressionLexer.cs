using System.Globalization;
using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

/// <summary>
/// Splits the inside of one <c>${{ ... }}</c> into tokens, on demand. Hand-written rather than
/// regex-based: validation parses every expression of a 10,000-node DAG within its time budget.
/// </summary>
internal sealed class ExpressionLexer
{
    private readonly ExpressionSource _source;
    private readonly string _text;
    private readonly int _end;
    private int _position;

    /// <param name="source">The expression being read.</param>
    public ExpressionLexer(ExpressionSource source)
    {
        _source = source;
        _text = source.Text;
        _position = source.Start + 3;
        _end = source.End - 2;
    }

    public ExpressionToken Next()
    {
        while (_position < _end && IsWhitespace(_text[_position]))
        {
            _position++;
        }

        if (_position >= _end)
        {
            return new ExpressionToken(TokenKind.End, _end, 2);
        }

        var start = _position;
        var c = _text[start];
        if (IsNameStart(c))
        {
            return ReadName(start);
        }

        if (IsDigit(c) || (c == '-' && start + 1 < _end && IsDigit(_text[start + 1])))
        {
            return ReadNumber(start);
        }

        var next = start + 1 < _end ? _text[start + 1] : '\0';
        return c switch
        {
            '\'' => ReadString(start),
            '.' => Single(TokenKind.Dot),
            ',' => Single(TokenKind.Comma),
            '(' => Single(TokenKind.OpenParen),
            ')' => Single(TokenKind.CloseParen),
            '[' => Single(TokenKind.OpenBracket),
            ']' => Single(TokenKind.CloseBracket),
            '!' when next == '=' => Double(TokenKind.NotEqual),
            '!' => Single(TokenKind.Not),
            '=' when next == '=' => Double(TokenKind.Equal),
            '<' when next == '=' => Double(TokenKind.LessOrEqual),
            '<' => Single(TokenKind.Less),
            '>' when next == '=' => Double(TokenKind.GreaterOrEqual),
            '>' => Single(TokenKind.Greater),
            '&' when next == '&' => Double(TokenKind.And),
            '|' when next == '|' => Double(TokenKind.Or),
            '*' when _text[start - 1] == '.' => throw _source.Error(start, "object filters ('.*') are not supported"),
            _ => throw _source.Error(start, Unexpected(c)),
        };
    }

    /// <summary>A number token's value: decimal when it fits, so that <c>1.50</c> stays <c>1.50</c>.</summary>
    public JsonValue NumberValue(ExpressionToken token)
    {
        var span = _text.AsSpan(token.Start, token.Length);
        if (decimal.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return JsonValue.Create(value);
        }

        var number = double.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(number) ? JsonValue.Create(number) : throw _source.Error(token.Start, "the number is too large");
    }

    /// <summary>A string token's text, without its quotes and with <c>''</c> as one quote.</summary>
    public string StringValue(ExpressionToken token) =>
        _text.Substring(token.Start + 1, token.Length - 2).Replace("''", "'", StringComparison.Ordinal);

    internal static bool IsNameStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    internal static bool IsNamePart(char c) => IsNameStart(c) || IsDigit(c) || c == '-';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsWhitespace(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';

    private static string Unexpected(char c) => c switch
    {
        '+' or '-' or '*' or '/' or '%' => $"arithmetic is not supported ('{c}')",
        '=' => "use '==' to compare values",
        '&' => "use '&&' for a logical and",
        '|' => "use '||' for a logical or",
        '"' => "strings are quoted with single quotes ('...')",
        '{' => "object literals are not supported; use fromJson('{...}')",
        _ when char.IsControl(c) => $"unexpected character U+{(int)c:X4}",
        _ => $"unexpected character '{c}'",
    };

    private ExpressionToken Single(TokenKind kind) => new(kind, _position++, 1);

    private ExpressionToken Double(TokenKind kind)
    {
        var token = new ExpressionToken(kind, _position, 2);
        _position += 2;
        return token;
    }

    private ExpressionToken ReadName(int start)
    {
        var i = start + 1;
        while (i < _end && IsNamePart(_text[i]))
        {
            i++;
        }

        _position = i;
        var span = _text.AsSpan(start, i - start);
        var kind = span switch
        {
            "true" => TokenKind.True,
            "false" => TokenKind.False,
            "null" => TokenKind.Null,
            "in" => TokenKind.In,
            _ => TokenKind.Name,
        };
        return new ExpressionToken(kind, start, i - start);
    }

    private ExpressionToken ReadNumber(int start)
    {
        var i = start;
        if (_text[i] == '-')
        {
            i++;
        }

        i = SkipDigits(i);
        if (i < _end && _text[i] == '.')
        {
            var fraction = SkipDigits(i + 1);
            if (fraction == i + 1)
            {
                throw _source.Error(i, "expected digits after the decimal point");
            }

            i = fraction;
        }

        if (i < _end && (_text[i] == 'e' || _text[i] == 'E'))
        {
            var exponent = i + 1;
            if (exponent < _end && (_text[exponent] == '+' || _text[exponent] == '-'))
            {
                exponent++;
            }

            var digits = SkipDigits(exponent);
            if (digits == exponent)
            {
                throw _source.Error(i, "expected digits in the exponent");
            }

            i = digits;
        }

        if (i < _end && IsNameStart(_text[i]))
        {
            throw _source.Error(start, "a name cannot start with a digit");
        }

        _position = i;
        return new ExpressionToken(TokenKind.Number, start, i - start);
    }

    private int SkipDigits(int i)
    {
        while (i < _end && IsDigit(_text[i]))
        {
            i++;
        }

        return i;
    }

    private ExpressionToken ReadString(int start)
    {
        // The template scanner found this expression's end outside quotes, so every quote opened
        // here closes before _end.
        var i = start + 1;
        while (true)
        {
            if (_text[i] == '\'')
            {
                if (i + 1 < _end && _text[i + 1] == '\'')
                {
                    i += 2;
                    continue;
                }

                break;
            }

            i++;
        }

        _position = i + 1;
        return new ExpressionToken(TokenKind.String, start, _position - start);
    }
}
