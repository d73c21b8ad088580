using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

/// <summary>
/// A node of a parsed expression. Trees are immutable and hold no per-evaluation state, so one
/// parsed template serves every thread. Values read from the scope are never modified.
/// </summary>
internal abstract class ExpressionNode(int offset)
{
    /// <summary>Index in the template text of the token errors about this node point at.</summary>
    public int Offset { get; } = offset;

    public abstract JsonNode? Evaluate(in EvaluationContext context);
}

/// <summary>A literal; its value is shared, so callers clone it before attaching it anywhere.</summary>
internal sealed class LiteralNode(int offset, JsonNode? value) : ExpressionNode(offset)
{
    public JsonNode? Value { get; } = value;

    public override JsonNode? Evaluate(in EvaluationContext context) => Value;
}

/// <summary>A list literal <c>[a, b]</c>.</summary>
internal sealed class ListNode(int offset, ExpressionNode[] items) : ExpressionNode(offset)
{
    public override JsonNode? Evaluate(in EvaluationContext context)
    {
        var list = new JsonArray();
        foreach (var item in items)
        {
            // Items may come from the scope, where they already have a parent.
            list.Add(item.Evaluate(context)?.DeepClone());
        }

        return list;
    }
}

/// <summary>A top-level name such as <c>params</c> or <c>item</c>.</summary>
internal sealed class NameNode(int offset, string name) : ExpressionNode(offset)
{
    public string Name { get; } = name;

    public override JsonNode? Evaluate(in EvaluationContext context)
    {
        if (!context.Scope.TryGetRoot(Name, out var value))
        {
            throw context.Error(Offset, $"unknown name '{Name}'");
        }

        return value;
    }
}

/// <summary><c>target.name</c>, or <c>target['name']</c> with a literal key.</summary>
internal sealed class MemberNode(int offset, ExpressionNode target, string name) : ExpressionNode(offset)
{
    public override JsonNode? Evaluate(in EvaluationContext context)
    {
        if (target is NameNode root && context.Scope.TryGetMember(root.Name, name, out var direct))
        {
            return direct;
        }

        return target.Evaluate(context) is JsonObject obj && obj.TryGetPropertyValue(name, out var value) ? value : null;
    }
}

/// <summary><c>target[index]</c>: a list by position or an object by key; anything missing is null.</summary>
internal sealed class IndexNode(int offset, ExpressionNode target, ExpressionNode index) : ExpressionNode(offset)
{
    public override JsonNode? Evaluate(in EvaluationContext context)
    {
        var value = target.Evaluate(context);
        var key = index.Evaluate(context);
        if (ExpressionValues.TryGetString(key, out var name))
        {
            return value is JsonObject obj && obj.TryGetPropertyValue(name, out var member) ? member : null;
        }

        if (!ExpressionValues.TryGetNumber(key, out var position))
        {
            throw context.Error(index.Offset, $"an index must be a number or a string, not {ExpressionValues.Describe(key)}");
        }

        if (position != Math.Floor(position))
        {
            throw context.Error(index.Offset, "a list index must be a whole number");
        }

        return value is JsonArray list && position >= 0 && position < list.Count ? list[(int)position] : null;
    }
}

/// <summary><c>!operand</c>, by truthiness.</summary>
internal sealed class NotNode(int offset, ExpressionNode operand) : ExpressionNode(offset)
{
    public override JsonNode? Evaluate(in EvaluationContext context) =>
        JsonValue.Create(!ExpressionValues.IsTruthy(operand.Evaluate(context)));
}

/// <summary><c>&amp;&amp;</c> and <c>||</c>: short-circuit, and always a boolean.</summary>
internal sealed class LogicalNode(int offset, bool isAnd, ExpressionNode left, ExpressionNode right) : ExpressionNode(offset)
{
    public override JsonNode? Evaluate(in EvaluationContext context)
    {
        var first = ExpressionValues.IsTruthy(left.Evaluate(context));
        if (first != isAnd)
        {
            return JsonValue.Create(first);
        }

        return JsonValue.Create(ExpressionValues.IsTruthy(right.Evaluate(context)));
    }
}

/// <summary>A function call; the function and argument count were checked when parsing.</summary>
internal sealed class CallNode(int offset, ExpressionFunction function, ExpressionNode[] arguments) : ExpressionNode(offset)
{
    public ExpressionFunction Function { get; } = function;

    public override JsonNode? Evaluate(in EvaluationContext context) =>
        Function.Body(new FunctionCall(context, this, arguments));
}
