using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Expressions;
using DurableDags.Core.Validation;

namespace DurableDags.Core.Params;

/// <summary>
/// Checks the parameters given to a run against the DAG's <c>params</c> and fills in defaults.
/// Every bad parameter is reported in one pass: unknown names, wrong types, missing required
/// values and values outside an <c>enum</c>. Defaults may be expressions; they see <c>run.id</c>,
/// <c>run.dagId</c> and <c>run.logicalDate</c>.
/// </summary>
public static class RunParams
{
    /// <summary>The resolved parameters, in the order the DAG declares them, or every error.</summary>
    public static ParamBinding Bind(DagDefinition dag, JsonObject? given, RunIdentity run)
    {
        ArgumentNullException.ThrowIfNull(dag);
        ArgumentNullException.ThrowIfNull(run);
        given ??= [];
        var errors = new List<ParamError>();
        var declared = dag.Params.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, _) in given)
        {
            if (!declared.Contains(name))
            {
                errors.Add(new ParamError(PathOf(name), Unknown(dag, name)));
            }
        }

        var resolved = new JsonObject();
        IExpressionScope? scope = null;
        foreach (var param in dag.Params)
        {
            if (given.TryGetPropertyValue(param.Name, out var value))
            {
                if (Check(param, value) is { } problem)
                {
                    errors.Add(new ParamError(PathOf(param.Name), problem));
                }
                else
                {
                    resolved[param.Name] = value?.DeepClone();
                }
            }
            else if (param.Default is not { } fallback)
            {
                errors.Add(new ParamError(PathOf(param.Name), $"required parameter '{param.Name}' ({Name(param.Type)}) is missing"));
            }
            else
            {
                scope ??= ScopeOf(run);
                resolved[param.Name] = Default(param, fallback, scope, errors);
            }
        }

        return errors.Count == 0 ? ParamBinding.Valid(resolved) : ParamBinding.Invalid([.. errors]);
    }

    /// <summary>The scope defaults are evaluated in.</summary>
    public static ExpressionScope ScopeOf(RunIdentity run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new ExpressionScope().Set("run", new JsonObject
        {
            ["id"] = run.RunId,
            ["dagId"] = run.DagId,
            ["logicalDate"] = FormatDate(run.LogicalDate),
        });
    }

    /// <summary>ISO-8601 UTC with only the fraction it needs: <c>2026-11-22T06:00:00Z</c>.</summary>
    public static string FormatDate(DateTimeOffset date) =>
        date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z";

    private static JsonNode? Default(ParamDefinition param, JsonElement fallback, IExpressionScope scope, List<ParamError> errors)
    {
        JsonNode? value;
        try
        {
            value = JsonTemplate.Evaluate(fallback, scope);
        }
        catch (ExpressionException e)
        {
            errors.Add(new ParamError(PathOf(param.Name), $"the default could not be evaluated: {e.Message}"));
            return null;
        }

        if (Check(param, value) is { } problem)
        {
            errors.Add(new ParamError(PathOf(param.Name), $"the default {problem}"));
        }

        return value;
    }

    private static string? Check(ParamDefinition param, JsonNode? value)
    {
        // Compared as elements: a value built in code (JsonValue<int>) and one parsed from text
        // must check the same way.
        var element = JsonSerializer.SerializeToElement(value);
        var kind = element.ValueKind;
        if (!ParamChecks.Fits(element, param.Type))
        {
            return param.Type == ParamType.Integer && kind == JsonValueKind.Number && IsWhole(element)
                ? $"{Describe(value)} is outside the integer range ({long.MinValue} to {long.MaxValue}); use a string or a number param for larger values"
                : $"expected {Article(param.Type)}, got {Describe(value)}";
        }

        if (param.Enum.IsDefaultOrEmpty || param.Enum.Any(allowed => JsonElement.DeepEquals(allowed, element)))
        {
            return null;
        }

        return $"{Describe(value)} is not one of the allowed values: {string.Join(", ", param.Enum.Select(e => e.GetRawText()))}";
    }

    private static bool IsWhole(JsonElement value) =>
        value.TryGetDecimal(out var d) ? d == decimal.Truncate(d)
        : value.TryGetDouble(out var x) && x == Math.Floor(x) && !double.IsInfinity(x);

    private static string Unknown(DagDefinition dag, string name)
    {
        var known = dag.Params.Select(p => p.Name).ToImmutableArray();
        return known.IsEmpty
            ? $"'{name}' is not a parameter: DAG '{dag.Id}' takes no parameters"
            : $"'{name}' is not a parameter of DAG '{dag.Id}'{DidYouMean.Hint(name, known)} (it takes {string.Join(", ", known)})";
    }

    private static string Describe(JsonNode? value) => (value?.GetValueKind() ?? JsonValueKind.Null) switch
    {
        JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Shorten(value!.ToJsonString()),
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private static string Name(ParamType type) => type.ToString().ToLowerInvariant();

    private static string Article(ParamType type) => type is ParamType.Integer or ParamType.Object or ParamType.Array
        ? $"an {Name(type)}"
        : $"a {Name(type)}";

    private static string PathOf(string name) => $"params.{name}";
}
