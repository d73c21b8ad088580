using System.Text.Json.Nodes;

namespace DurableDags.Core.Expressions;

internal delegate JsonNode? FunctionBody(in FunctionCall call);

/// <summary>A built-in function: its name, how many arguments it takes, and what it does.</summary>
internal sealed class ExpressionFunction(string name, int minArguments, int maxArguments, string signature, FunctionBody body)
{
    public string Name { get; } = name;

    public int MinArguments { get; } = minArguments;

    /// <summary><see cref="int.MaxValue"/> for functions that take any number of arguments.</summary>
    public int MaxArguments { get; } = maxArguments;

    /// <summary>How the function is called, for error messages: <c>formatDate(date, format)</c>.</summary>
    public string Signature { get; } = signature;

    public FunctionBody Body { get; } = body;

    /// <summary>Why <paramref name="count"/> arguments do not fit, or null when they do.</summary>
    public string? CheckCount(int count)
    {
        if (count >= MinArguments && count <= MaxArguments)
        {
            return null;
        }

        var expected = MaxArguments == int.MaxValue
            ? $"at least {Plural(MinArguments)}"
            : MinArguments == MaxArguments ? Plural(MinArguments) : $"{MinArguments} to {Plural(MaxArguments)}";
        return $"{Name}() takes {expected} ({Signature}), but was given {count}";
    }

    private static string Plural(int count) => count == 1 ? "1 argument" : $"{count} arguments";
}
