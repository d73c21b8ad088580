using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Activities;

/// <summary>
/// The host's variables, read by expressions as <c>vars.NAME</c>, from the configuration section
/// <c>DurableDags:Vars</c>: settings that differ per host but are no secret, such as the address
/// of a service (<c>dags serve --demo</c> sets <c>demoUrl</c>). Unlike secrets they may appear
/// anywhere in a node and are written to outputs and logs as they are.
/// The section is read at each evaluation, not once: a host may set a variable after it has
/// started, as the demo service does once its port is known.
/// </summary>
public sealed class EngineVariables(IConfiguration? configuration)
{
    public const string Section = "DurableDags:Vars";

    /// <summary>
    /// Defines <c>vars</c> in a scope. Reading a variable that is not set fails the evaluation,
    /// naming the setting: an empty value would turn a URL into a relative one and fail later, less clearly.
    /// </summary>
    public ExpressionScope AddTo(ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.SetLazy(
            "vars",
            name => Value(name) is { } value ? JsonValue.Create(value) : throw NotSet(name),
            ToJson);
    }

    public string? Value(string name) => configuration?.GetSection(Section)[name];

    /// <summary>The error for a variable that is not set, naming the setting in both spellings.</summary>
    public static ExpressionException NotSet(string name) =>
        new($"vars.{name} is not set: set DurableDags__Vars__{name} (configuration key {Section}:{name}) on the host" +
            (name == "demoUrl" ? ", or start the server with dags serve --demo" : string.Empty));

    /// <summary>A fresh object each time: evaluation may attach values to other JSON trees.</summary>
    public JsonObject ToJson() => new((configuration?.GetSection(Section).GetChildren() ?? [])
        .Where(c => c.Value is not null)
        .Select(c => KeyValuePair.Create(c.Key, (JsonNode?)JsonValue.Create(c.Value))));
}
