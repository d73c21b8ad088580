using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Definitions;
using DurableDags.Core.Params;

namespace DurableDags.Cli.Runs;

/// <summary>
/// <c>-p name=value</c> arguments as run parameters, bound against the DAG as a trigger's are
/// (<see cref="RunParams.Bind"/>): every bad one reported, defaults (expressions too) filled in.
/// A value for a <c>string</c> parameter is taken as written; for any other, a value that reads as
/// JSON (a number, true, an object) keeps its type, and anything else is a string.
/// </summary>
internal static class RunParameters
{
    /// <returns>The bound parameters, or every error, each naming the argument or parameter at fault.</returns>
    public static (JsonElement? Params, IReadOnlyList<string> Errors) Build(DagDefinition dag, IEnumerable<string> arguments, RunIdentity run)
    {
        ArgumentNullException.ThrowIfNull(dag);
        ArgumentNullException.ThrowIfNull(arguments);
        var given = new JsonObject();
        var errors = new List<string>();
        foreach (var argument in arguments)
        {
            var split = argument.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                errors.Add($"-p {argument}: write name=value");
                continue;
            }

            var name = argument[..split];
            var text = argument[(split + 1)..];
            given[name] = dag.Params.FirstOrDefault(p => p.Name == name)?.Type == ParamType.String ? JsonValue.Create(text) : Parse(text);
        }

        var binding = RunParams.Bind(dag, given, run);
        errors.AddRange(binding.Errors.Select(e => e.ToString()));
        return errors.Count > 0 ? (null, errors) : (JsonSerializer.SerializeToElement(binding.Values), []);
    }

    /// <summary>Text that reads as JSON keeps its type; anything else is a string.</summary>
    internal static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
