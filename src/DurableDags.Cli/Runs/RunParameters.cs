using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Definitions;

namespace DurableDags.Cli.Runs;

/// <summary>
/// <c>-p name=value</c> arguments as run parameters: a value that reads as JSON (a number, true,
/// an object) keeps its type, anything else is a string. Literal defaults of the DAG fill the rest.
/// </summary>
internal static class RunParameters
{
    /// <returns>The parameters, or an error naming the argument or parameter at fault.</returns>
    public static (JsonElement? Params, string? Error) Build(DagDefinition dag, IEnumerable<string> arguments)
    {
        var values = new JsonObject();
        foreach (var argument in arguments)
        {
            var split = argument.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                return (null, $"-p {argument}: write name=value");
            }

            var name = argument[..split];
            if (!dag.Params.Any(p => p.Name == name))
            {
                return (null, $"-p {argument}: DAG '{dag.Id}' has no parameter '{name}'");
            }

            values[name] = Parse(argument[(split + 1)..]);
        }

        foreach (var param in dag.Params.Where(p => !values.ContainsKey(p.Name)))
        {
            if (param.Default is not { } fallback)
            {
                return (null, $"parameter '{param.Name}' of DAG '{dag.Id}' is required: pass -p {param.Name}=VALUE");
            }

            // An expression default (${{ }}) is left out: the run computes its own.
            if (fallback.ValueKind != JsonValueKind.String || !fallback.GetString()!.Contains("${{", StringComparison.Ordinal))
            {
                values[param.Name] = JsonNode.Parse(fallback.GetRawText());
            }
        }

        return (JsonSerializer.SerializeToElement(values), null);
    }

    private static JsonNode? Parse(string text)
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
