using System.Text;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;

namespace DurableDags.Core.Tests.Loading;

/// <summary>Each bound of <see cref="DagLimits"/> is one clear error, found while reading.</summary>
public class DagLimitsTests
{
    [Fact]
    public void A_long_anchored_string_repeated_by_aliases_is_refused_by_its_expanded_size()
    {
        // 212 KB of text that stood for 800 million characters.
        var text = new StringBuilder("id: a\nnodes:\n  n:\n    type: noop\nparams:\n  s: { type: string, default: &s \"")
            .Append('x', 200_000).Append("\" }\n  l: { type: json, default: [");
        text.AppendJoin(", ", Enumerable.Repeat("*s", 4_000)).Append("] }\n");

        var error = Assert.Single(Load.Errors(text.ToString()));

        Assert.Contains($"more than {DagLimits.MaxExpandedCharacters} characters (the limit)", error, StringComparison.Ordinal);
        Assert.StartsWith("test.yaml:7:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[", "")]
    [InlineData("[", "]")]
    [InlineData("{a: ", "")]
    public void Deep_nesting_stops_reading_at_the_limit_with_one_error(string open, string close)
    {
        // Reading stops one level past the limit, of 200,000: the rest, even an unclosed rest, is never scanned.
        const int Levels = 200_000;
        var text = new StringBuilder().Insert(0, open, Levels).Insert(0, "x: ").Append(close.Length == 0 ? "" : new string(close[0], Levels)).ToString();

        var error = Assert.Single(Load.Errors(text));

        // The first value past the limit: the next '[', or the key of the deepest mapping allowed.
        var column = open == "[" ? 4 + DagLimits.MaxDepth : 4 + (open.Length * (DagLimits.MaxDepth - 1)) + 1;
        Assert.Equal($"test.yaml:1:{column}: values are nested more than {DagLimits.MaxDepth} levels deep (the limit); reading stopped here", error);
    }

    [Fact]
    public void A_key_with_neither_key_nor_value_after_a_nested_mapping_is_a_syntax_error_not_a_crash()
    {
        var result = Load.Text("a:\n  b: 1\n:");

        Assert.Null(result.Dag);
        var error = Assert.Single(result.Diagnostics).ToString();
        Assert.StartsWith("test.yaml:", error, StringComparison.Ordinal);
        Assert.Contains("invalid YAML", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Needing_more_nodes_than_the_limit_is_one_error_not_one_per_missing_node()
    {
        var needs = string.Join(", ", Enumerable.Range(0, 60_000).Select(i => $"m{i}"));
        var errors = Load.Errors($"id: a\nnodes:\n  n:\n    type: noop\n    needs: [{needs}]\n");

        Assert.Equal([$"test.yaml:5:12: 'needs' of node 'n' lists 60000 nodes, more than the limit of {DagLimits.MaxNeeds}; add a noop node that needs a group of them and need it instead"], errors);
    }

    [Fact]
    public void More_nodes_than_the_limit_is_one_error()
    {
        var text = new StringBuilder("id: a\nnodes:\n");
        for (var i = 0; i <= DagLimits.MaxNodes; i++)
        {
            text.Append("  n").Append(i).Append(": { type: noop }\n");
        }

        var error = Assert.Single(Load.Errors(text.ToString()));

        Assert.Equal($"test.yaml:3:3: 'nodes' has {DagLimits.MaxNodes + 1} nodes, more than the limit of {DagLimits.MaxNodes}; split the DAG, or run parts of it as child DAGs (type: dag)", error);
    }

    [Fact]
    public void More_values_than_the_limit_stop_reading()
    {
        var text = "id: a\nnodes: { n: { type: noop } }\nparams: { p: { type: json, default: [" + string.Join(',', Enumerable.Repeat('1', DagLimits.MaxValues)) + "] } }\n";

        var error = Assert.Single(Load.Errors(text));

        Assert.Contains($"more than {DagLimits.MaxValues} keys and values (the limit)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_errors_listed_stop_at_the_limit_and_the_rest_are_counted()
    {
        var text = new StringBuilder("id: a\nnodes:\n");
        for (var i = 0; i < 150; i++)
        {
            text.Append("  n").Append(i).Append(": { type: noop, colour: red }\n");
        }

        var errors = Load.Errors(text.ToString());

        Assert.Equal(DagLimits.MaxErrors + 1, errors.Length);
        Assert.StartsWith("test.yaml:3:", errors[0], StringComparison.Ordinal);
        Assert.Equal($"test.yaml: and 50 more errors (only the first {DagLimits.MaxErrors} are listed)", errors[^1]);
    }

    [Fact]
    public void Loading_stops_when_the_caller_cancels()
    {
        var text = "id: a\nnodes:\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"  n{i}: {{ type: noop }}\n"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => DagLoader.Load("test.yaml", text, OperatorCatalog.BuiltIn, cancelled.Token));
    }
}
