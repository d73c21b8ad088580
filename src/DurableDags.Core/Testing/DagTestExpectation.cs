using System.Collections.Immutable;
using System.Text.Json;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Expressions;
using DurableDags.Core.States;

namespace DurableDags.Core.Testing;

/// <summary>What a test expects once its run has ended; everything left out is not checked.</summary>
public sealed record DagTestExpectation
{
    public RunState? Run { get; init; }

    public SourceLocation RunLocation { get; init; }

    public ImmutableArray<NodeExpectation> Nodes { get; init; } = [];

    public ImmutableArray<RequestExpectation> Requests { get; init; } = [];
}

/// <summary>One node's (or one map item's, <c>apply.1</c>) expected end.</summary>
public sealed record NodeExpectation
{
    /// <summary>As written: a node id, or a node id and map index such as <c>apply.1</c>.</summary>
    public required string Node { get; init; }

    public SourceLocation Location { get; init; }

    public NodeState? State { get; init; }

    public int? Attempts { get; init; }

    /// <summary>The output, compared exactly (as JSON values: key order and number spelling do not matter).</summary>
    public JsonElement? Output { get; init; }

    /// <summary>An expression over <c>output</c>, <c>error</c>, <c>attempts</c> and <c>state</c> that must be true.</summary>
    public ExpressionTemplate? Check { get; init; }

    /// <summary>Text the node's error must contain.</summary>
    public string? Error { get; init; }
}

/// <summary>Requests that must have been sent: all the given parts match, <see cref="Count"/> times (at least once when absent).</summary>
public sealed record RequestExpectation
{
    public SourceLocation Location { get; init; }

    public string? Node { get; init; }

    public string? Method { get; init; }

    public string? Url { get; init; }

    /// <summary>The body, compared exactly as JSON (or as text when the expectation is a string and the body is not JSON).</summary>
    public JsonElement? Body { get; init; }

    public int? Count { get; init; }

    public string Describe() => RequestMatch.Describe(Node, Method, Url);
}
