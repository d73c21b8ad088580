using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;

namespace DurableDags.Core.Tests.Expressions;

/// <summary>Evaluates templates against a small scope shaped like a real run's.</summary>
internal static class Evaluate
{
    public static ExpressionScope Scope() => new ExpressionScope()
        .Set("params", JsonNode.Parse("""{ "date": "2026-01-31", "minCost": 5, "dryRun": false, "tags": ["a", "b"], "empty": "" }"""))
        .Set("item", JsonNode.Parse("""{ "id": "c1", "routes": 3, "name": "Żółw 😀" }"""))
        .Set("index", 2)
        .Set("run", JsonNode.Parse("""{ "id": "r-1", "dagId": "carrier-costs", "logicalDate": "2026-01-31T06:00:00Z", "attempt": 1 }"""));

    public static JsonNode? Text(string text) => ExpressionTemplate.Parse(text).Evaluate(Scope());

    /// <summary>The value of one expression, written without the <c>${{ }}</c> around it.</summary>
    public static JsonNode? Expression(string expression) => Text("${{ " + expression + " }}");

    /// <summary>Compact JSON with non-ASCII text left readable, so expectations can be written as text.</summary>
    public static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Json(string expression) => Expression(expression)?.ToJsonString(Readable) ?? "null";

    public static ExpressionException Error(string expression) =>
        Assert.Throws<ExpressionException>(() => Expression(expression));
}
