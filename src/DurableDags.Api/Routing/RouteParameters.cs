using DurableDags.Api.Ids;
using DurableDags.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace DurableDags.Api.Routing;

/// <summary>Reads a route's parameters from a request and checks each against its id form.</summary>
internal static class RouteParameters
{
    private static readonly Dictionary<string, IdKind> Kinds = new(StringComparer.Ordinal)
    {
        ["dagId"] = IdKind.Dag,
        ["runId"] = IdKind.Run,
        ["nodeId"] = IdKind.Node,
        ["name"] = IdKind.Event,

        // A backfill id has a run id's form: one storage key segment.
        ["backfillId"] = IdKind.Run,

        // Version numbers are checked as one key segment here, and as numbers by their handler.
        ["version"] = IdKind.Run,
        ["otherVersion"] = IdKind.Run,
    };

    /// <summary>The values, or the errors of every value that is not of its allowed form.</summary>
    public static (Dictionary<string, string> Values, List<ProblemError> Errors) Read(ApiRoute route, HttpRequest request)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<ProblemError>();
        RouteValueDictionary? matched = null;
        foreach (var name in route.Parameters)
        {
            var value = request.RouteValues.TryGetValue(name, out var v) ? v?.ToString() : null;
            if (value is null)
            {
                // A host that dispatched without filling route values: match the template here.
                matched ??= Match(route, request.Path);
                value = matched.TryGetValue(name, out v) ? v?.ToString() : null;
            }

            var kind = Kinds.TryGetValue(name, out var k) ? k : throw new InvalidOperationException($"Route {route} has parameter '{name}' with no id kind.");
            if (IdRules.Problem(kind, value) is { } problem)
            {
                errors.Add(ProblemError.At(name, $"'{Quote(value)}' is not a valid {name}: {problem}"));
            }
            else
            {
                values[name] = value!;
            }
        }

        return (values, errors);
    }

    private static RouteValueDictionary Match(ApiRoute route, PathString path)
    {
        var values = new RouteValueDictionary();
        new TemplateMatcher(TemplateParser.Parse(route.Template), []).TryMatch(path, values);
        return values;
    }

    /// <summary>Shows a bad id safely: control characters escaped and length capped.</summary>
    private static string Quote(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var shown = value.Length > 80 ? value[..80] + "…" : value;
        return string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
