using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DurableDags.Core.Diagnostics;

namespace DurableDags.Cli.Plans;

/// <summary>
/// The plan for machines, one JSON object (shape documented in docs/cli.md): <c>valid</c>, then
/// either the plan (<c>dagId</c>, <c>counts</c>, <c>waves</c>, <c>longestPath</c>, <c>order</c>)
/// or the <c>errors</c> with their file, line and column.
/// </summary>
internal static class PlanJson
{
    // Relaxed escaping keeps quotes in messages readable ('x', not \u0027x\u0027); the output is never HTML.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(PlanSummary plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Write(json =>
        {
            json.WriteBoolean("valid", true);
            json.WriteString("file", plan.File);
            json.WriteString("dagId", plan.DagId);
            json.WriteStartObject("counts");
            json.WriteNumber("nodes", plan.Nodes);
            json.WriteNumber("edges", plan.Edges);
            json.WriteNumber("waves", plan.Waves.Length);
            json.WriteNumber("widestWave", plan.WidestWave);
            json.WriteNumber("mappedNodes", plan.MappedNodes);
            json.WriteEndObject();
            json.WriteStartArray("waves");
            foreach (var wave in plan.Waves)
            {
                Strings(json, null, wave);
            }

            json.WriteEndArray();
            json.WriteStartObject("longestPath");
            json.WriteNumber("length", plan.LongestPath.Length);
            Strings(json, "nodes", plan.LongestPath);
            json.WriteEndObject();
            Strings(json, "order", plan.Order);
        });
    }

    public static string FormatErrors(string file, ImmutableArray<Diagnostic> errors) => Write(json =>
    {
        json.WriteBoolean("valid", false);
        json.WriteString("file", file);
        json.WriteStartArray("errors");
        foreach (var error in errors)
        {
            json.WriteStartObject();
            json.WriteString("file", error.Location.File);
            json.WriteNumber("line", error.Location.Line);
            json.WriteNumber("column", error.Location.Column);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    });

    private static void Strings(Utf8JsonWriter json, string? name, ImmutableArray<string> values)
    {
        if (name is null)
        {
            json.WriteStartArray();
        }
        else
        {
            json.WriteStartArray(name);
        }

        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Indented))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
