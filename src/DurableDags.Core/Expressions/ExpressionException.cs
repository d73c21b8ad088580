namespace DurableDags.Core.Expressions;

/// <summary>
/// A syntax error found while parsing, or a failure while evaluating. The message quotes the
/// expression and the column of the offending token, and never the values involved, because
/// values may hold secrets.
/// </summary>
public class ExpressionException : Exception
{
    public ExpressionException()
        : this("the expression is not valid")
    {
    }

    public ExpressionException(string message)
        : base(message)
    {
        Expression = string.Empty;
        Reason = message;
    }

    public ExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Expression = string.Empty;
        Reason = message;
    }

    /// <summary>Creates the error for one expression of a template.</summary>
    /// <param name="expression">The <c>${{ ... }}</c> text, as written.</param>
    /// <param name="offset">0-based index of the offending token in the whole template text.</param>
    /// <param name="column">1-based column of the offending token within <paramref name="expression"/>.</param>
    /// <param name="reason">What is wrong, as a sentence fragment a user can act on.</param>
    public ExpressionException(string expression, int offset, int column, string reason)
        : this(expression, offset, column, reason, path: null, innerException: null)
    {
    }

    private ExpressionException(string expression, int offset, int column, string reason, string? path, Exception? innerException)
        : base(Describe(expression, column, reason, path), innerException)
    {
        Expression = expression;
        Offset = offset;
        Column = column;
        Reason = reason;
        Path = path;
    }

    /// <summary>The <c>${{ ... }}</c> text the error is about.</summary>
    public string Expression { get; }

    /// <summary>0-based index of the offending token in the template text (the whole string value).</summary>
    public int Offset { get; }

    /// <summary>1-based column of the offending token within <see cref="Expression"/>, as the message shows it.</summary>
    public int Column { get; }

    /// <summary>The reason alone, without the expression and column.</summary>
    public string Reason { get; }

    /// <summary>The JSON path of the string holding the expression, when it came from <see cref="JsonTemplate"/>.</summary>
    public string? Path { get; }

    /// <summary>The same error, located at a JSON path inside a larger value.</summary>
    public ExpressionException AtPath(string path) =>
        new(Expression, Offset, Column, Reason, path, InnerException);

    private static string Describe(string expression, int column, string reason, string? path)
    {
        var where = string.IsNullOrEmpty(path) ? string.Empty : $"{path}: ";
        return $"{where}expression '{expression}' at column {column}: {reason}";
    }
}
