using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

/// <summary>
/// One call being evaluated. Arguments are evaluated on demand, so that <c>coalesce</c> stops at
/// the first value, and every type error points at the argument that caused it.
/// </summary>
internal readonly ref struct FunctionCall(in EvaluationContext context, CallNode call, ExpressionNode[] arguments)
{
    private readonly EvaluationContext _context = context;

    public int Count => arguments.Length;

    public string Name => call.Function.Name;

    public EvaluationContext Context => _context;

    public JsonNode? Value(int index) => arguments[index].Evaluate(_context);

    public string String(int index, string expected)
    {
        var value = Value(index);
        return ExpressionValues.TryGetString(value, out var text) ? text : throw TypeError(index, expected, value);
    }

    public double Number(int index, string expected)
    {
        var value = Value(index);
        return ExpressionValues.TryGetNumber(value, out var number) ? number : throw TypeError(index, expected, value);
    }

    public ExpressionException TypeError(int index, string expected, JsonNode? actual) =>
        Error(index, $"{Name}() needs {expected} as argument {index + 1}, not {ExpressionValues.Describe(actual)}");

    public int Offset(int index) => arguments[index].Offset;

    public ExpressionException Error(int index, string reason) => _context.Error(arguments[index].Offset, reason);
}
