namespace DurableDags.Core.Expressions;

/// <summary>One token of an expression; <see cref="Start"/> indexes the template text.</summary>
internal readonly record struct ExpressionToken(TokenKind Kind, int Start, int Length)
{
    public int End => Start + Length;
}

internal enum TokenKind
{
    /// <summary>The closing <c>}}</c> of the expression.</summary>
    End,
    Name,
    Number,
    String,
    True,
    False,
    Null,
    In,
    Dot,
    Comma,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Not,
    And,
    Or,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
