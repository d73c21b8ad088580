using System.Collections.Immutable;
using DurableDags.Core.Expressions;
using DurableDags.Core.Loading;
using DurableDags.Core.Loading.Tree;
using DurableDags.Core.States;

namespace DurableDags.Core.Testing;

/// <summary>Reads a test's <c>expect</c>: the run state, node ends and requests sent.</summary>
internal static class ExpectationReader
{
    private static readonly string[] ExpectKeys = ["run", "nodes", "requests"];
    private static readonly string[] NodeKeys = ["state", "attempts", "output", "check", "error"];
    private static readonly string[] RequestKeys = ["node", "method", "url", "body", "count"];
    private static readonly IReadOnlyCollection<string> NodeStates = FieldReader.WireNamesOf<NodeState>();
    private static readonly IReadOnlyCollection<string> RunStates = FieldReader.WireNamesOf<RunState>();

    public static DagTestExpectation Read(FieldReader reader, SourceNode value, string test)
    {
        var owner = $"'expect' of {test}";
        var expect = new DagTestExpectation();
        foreach (var (key, item) in reader.Mapping(value, FieldName.Whole(owner))?.Entries ?? [])
        {
            var field = new FieldName(key.Value, owner);
            switch (key.Value)
            {
                case "run":
                    var run = reader.Choice(item, field, RunStates);
                    expect = expect with { RunLocation = item.Location, Run = run is not null && WireNames.TryParseRunState(run, out var state) ? state : null };
                    break;
                case "nodes":
                    expect = expect with { Nodes = [.. (reader.Mapping(item, field)?.Entries ?? []).Select(e => ReadNode(reader, e, test))] };
                    break;
                case "requests":
                    expect = expect with { Requests = ReadRequests(reader, item, field) };
                    break;
                default:
                    reader.UnknownKey(key, ExpectKeys, owner);
                    break;
            }
        }

        return expect;
    }

    private static NodeExpectation ReadNode(FieldReader reader, SourceEntry entry, string test)
    {
        var owner = $"node '{entry.Key.Value}' in {test}";
        var expectation = new NodeExpectation { Node = entry.Key.Value, Location = entry.Key.Location };

        // `node: succeeded` is short for `node: { state: succeeded }`.
        if (entry.Value is SourceScalar)
        {
            return expectation with { State = State(reader, entry.Value, FieldName.Whole($"the state of {owner}")) };
        }

        foreach (var (key, value) in reader.Mapping(entry.Value, FieldName.Whole(owner))?.Entries ?? [])
        {
            var field = new FieldName(key.Value, owner);
            switch (key.Value)
            {
                case "state":
                    expectation = expectation with { State = State(reader, value, field) };
                    break;
                case "attempts":
                    expectation = expectation with { Attempts = CannedRouteReader.Count(reader, value, field) };
                    break;
                case "output":
                    expectation = expectation with { Output = CannedRouteReader.JsonOrNull(reader, value) };
                    break;
                case "check":
                    expectation = expectation with { Check = Expression(reader, value, field) };
                    break;
                case "error":
                    expectation = expectation with { Error = reader.Text(value, field) };
                    break;
                default:
                    reader.UnknownKey(key, NodeKeys, owner);
                    break;
            }
        }

        return expectation;
    }

    private static ImmutableArray<RequestExpectation> ReadRequests(FieldReader reader, SourceNode value, FieldName field)
    {
        if (value is not SourceSequence sequence)
        {
            reader.Error(value, $"{field} must be a list of requests, each with some of {string.Join(", ", RequestKeys)}, got {value.Describe()}");
            return [];
        }

        var requests = ImmutableArray.CreateBuilder<RequestExpectation>();
        foreach (var (item, i) in sequence.Items.Select((item, i) => (item, i)))
        {
            var owner = $"request {i + 1} of {field}";
            var request = new RequestExpectation { Location = item.Location };
            foreach (var (key, part) in reader.Mapping(item, FieldName.Whole(owner))?.Entries ?? [])
            {
                var name = new FieldName(key.Value, owner);
                request = key.Value switch
                {
                    "node" => request with { Node = reader.Text(part, name) },
                    "method" => request with { Method = reader.Text(part, name)?.ToUpperInvariant() },
                    "url" => request with { Url = reader.Text(part, name) },
                    "body" => request with { Body = CannedRouteReader.JsonOrNull(reader, part) },
                    "count" => request with { Count = CannedRouteReader.Count(reader, part, name) },
                    _ => Unknown(reader, key, owner, request),
                };
            }

            requests.Add(request);
        }

        return requests.ToImmutable();
    }

    private static RequestExpectation Unknown(FieldReader reader, SourceScalar key, string owner, RequestExpectation request)
    {
        reader.UnknownKey(key, RequestKeys, owner);
        return request;
    }

    private static NodeState? State(FieldReader reader, SourceNode value, FieldName field) =>
        reader.Choice(value, field, NodeStates) is { } text && WireNames.TryParseNodeState(text, out var state) ? state : null;

    /// <summary>A <c>${{ }}</c> expression, parsed now so a typo is a file error, not a failed test.</summary>
    private static ExpressionTemplate? Expression(FieldReader reader, SourceNode value, FieldName field)
    {
        if (reader.Text(value, field) is not { } text)
        {
            return null;
        }

        if (!ExpressionTemplate.TryParse(text, out var template, out var error))
        {
            reader.Error(value, $"{field} is not a valid expression: {error.Message}");
            return null;
        }

        if (!template.IsWholeExpression)
        {
            reader.Error(value, $"{field} must be one expression written as \"${{{{ ... }}}}\" that is true when the node is right, got '{text}'");
            return null;
        }

        return template;
    }
}
