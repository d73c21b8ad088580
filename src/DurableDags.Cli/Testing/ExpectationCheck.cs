using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;
using DurableDags.Core.States;
using DurableDags.Core.Testing;
using DurableDags.Storage.Nodes;

namespace DurableDags.Cli.Testing;

/// <summary>Compares a test's run with its expectations; each miss is one line naming the expectation's file:line.</summary>
internal static class ExpectationCheck
{
    public static IReadOnlyList<string> Failures(DagTestCase test, DagTestRun run)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(run);
        var failures = new List<string>(run.Problems);
        var expect = test.Expect;
        if (expect.Run is { } state && state != run.State)
        {
            var error = run.Error is null ? "" : $" ({run.Error})";
            failures.Add($"{expect.RunLocation}: expected the run {WireNames.Of(state)}, it ended {(run.State is { } s ? WireNames.Of(s) : "without a state")}{error}");
        }

        foreach (var node in expect.Nodes)
        {
            failures.AddRange(CheckNode(node, run).Select(f => $"{node.Location}: node '{node.Node}': {f}"));
        }

        foreach (var request in expect.Requests)
        {
            var sent = run.Requests.Count(r => RequestMatch.Matches(request.Node, request.Method, request.Url, r.Node, r.Method, r.Url) && BodyMatches(request.Body, r));
            if (request.Count is { } count ? sent != count : sent == 0)
            {
                var wanted = request.Count is { } c ? $"{c} time{(c == 1 ? "" : "s")}" : "at least once";
                var body = request.Body is { } b ? $" with body {b.GetRawText()}" : "";
                failures.Add($"{request.Location}: expected {request.Describe()}{body} sent {wanted}, it was sent {sent} time{(sent == 1 ? "" : "s")}{Nearest(request, run)}");
            }
        }

        failures.AddRange(run.Unmatched.Select(r => $"no response matched {r}; add one under 'responses'"));
        return failures;
    }

    private static IEnumerable<string> CheckNode(NodeExpectation expected, DagTestRun run)
    {
        var (id, index) = DagTestChecks.ParseInstance(expected.Node)!.Value;
        var record = run.Nodes.FirstOrDefault(n => n.NodeId == id && n.MapIndex == index);
        var state = record?.State ?? NodeState.Pending;
        var error = record?.Error is { } e ? $" (error: {e})" : "";
        if (expected.State is { } wanted && wanted != state)
        {
            yield return $"expected {WireNames.Of(wanted)}, got {WireNames.Of(state)}{error}";
        }

        if (expected.Attempts is { } attempts && attempts != (record?.Attempts ?? 0))
        {
            yield return $"expected {attempts} attempts, got {record?.Attempts ?? 0}{error}";
        }

        var output = record is null ? null : run.Outputs.GetValueOrDefault(record.Instance);
        if (expected.Output is { } want && !JsonEquals(want, output))
        {
            yield return $"expected output {want.GetRawText()}, got {output?.GetRawText() ?? "none"}";
        }

        if (expected.Error is { } text && record?.Error?.Contains(text, StringComparison.Ordinal) != true)
        {
            yield return $"expected an error containing '{text}', got {(record?.Error is { } actual ? $"'{actual}'" : "none")}";
        }

        if (expected.Check is { } check && Evaluate(check, record, state, output) is { } miss)
        {
            yield return miss;
        }
    }

    /// <summary>Null when the check holds; otherwise why not.</summary>
    private static string? Evaluate(ExpressionTemplate check, NodeRecord? record, NodeState state, JsonElement? output)
    {
        var scope = new ExpressionScope()
            .Set("output", output is { } o ? JsonNode.Parse(o.GetRawText()) : null)
            .Set("error", record?.Error)
            .Set("attempts", record?.Attempts ?? 0)
            .Set("state", WireNames.Of(state));
        try
        {
            var result = check.Evaluate(scope);
            return result is JsonValue value && value.TryGetValue<bool>(out var holds) && holds
                ? null
                : $"check {check.Text} is {result?.ToJsonString() ?? "null"}, not true; output {output?.GetRawText() ?? "none"}";
        }
        catch (ExpressionException e)
        {
            return $"check {check.Text} failed: {e.Message}";
        }
    }

    private static bool BodyMatches(JsonElement? expected, RecordedRequest request) => expected switch
    {
        null => true,
        { ValueKind: JsonValueKind.String } text when request.Json is null => text.GetString() == request.Body,
        { } json => JsonEquals(json, request.Json),
    };

    private static bool JsonEquals(JsonElement expected, JsonElement? actual) =>
        actual is { } a && JsonNode.DeepEquals(JsonNode.Parse(expected.GetRawText()), JsonNode.Parse(a.GetRawText()));

    /// <summary>What was sent to the same place, so a wrong body shows next to the expected one.</summary>
    private static string Nearest(RequestExpectation request, DagTestRun run)
    {
        var near = run.Requests.FirstOrDefault(r => RequestMatch.Matches(request.Node, request.Method, request.Url, r.Node, r.Method, r.Url));
        return near is null ? "" : $"; {near} had body {near.Body ?? "none"}";
    }
}
