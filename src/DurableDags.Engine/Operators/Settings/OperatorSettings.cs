using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Definitions;
using DurableDags.Core.Expressions;

namespace DurableDags.Engine.Operators.Settings;

/// <summary>
/// One operator's <c>with</c> settings, each value evaluated when it is read, so a phase can read
/// its own settings with names that only exist once an earlier phase ran (<c>submit</c> in
/// <c>poll.url</c>). Every error is permanent and names the setting's path.
/// </summary>
public sealed class OperatorSettings
{
    /// <summary>Matched loosely (any mention), so <c>secrets['X']</c> counts too; a false match only hides a URL.</summary>
    private const string SecretsRoot = "secrets";
    private readonly JsonElement _raw;

    public OperatorSettings(JsonElement raw, IExpressionScope scope, string path = "with")
    {
        ArgumentNullException.ThrowIfNull(scope);
        _raw = raw;
        Scope = scope;
        Path = path;
        if (raw.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            throw OperatorFailureException.Permanent($"{path}: expected an object of settings, got {Describe(raw.ValueKind)}");
        }
    }

    public IExpressionScope Scope { get; }

    /// <summary>Where these settings sit in the node, such as <c>with.submit</c>.</summary>
    public string Path { get; }

    /// <summary>The same settings read with another scope, such as one with a phase name added.</summary>
    public OperatorSettings WithScope(IExpressionScope scope) => new(_raw, scope, Path);

    public string PathOf(string name) => $"{Path}.{name}";

    public bool Has(string name) => TryGetRaw(name, out _);

    /// <summary>The setting as written, before evaluation.</summary>
    public bool TryGetRaw(string name, out JsonElement raw)
    {
        raw = default;
        return _raw.ValueKind == JsonValueKind.Object
            && _raw.TryGetProperty(name, out raw)
            && raw.ValueKind != JsonValueKind.Null;
    }

    /// <summary>True when the setting as written reads <c>secrets</c>, so its value must stay out of logs.</summary>
    public bool ReadsSecrets(string name) =>
        TryGetRaw(name, out var raw) && raw.GetRawText().Contains(SecretsRoot, StringComparison.Ordinal);

    /// <summary>The setting as written, for logs and errors: its text when a string, else its JSON.</summary>
    public string RawText(string name) =>
        !TryGetRaw(name, out var raw) ? "" : raw.ValueKind == JsonValueKind.String ? raw.GetString()! : raw.GetRawText();

    /// <summary>The evaluated value, or null when the setting is absent.</summary>
    public JsonNode? Evaluate(string name)
    {
        if (!TryGetRaw(name, out var raw))
        {
            return null;
        }

        try
        {
            return JsonTemplate.Evaluate(raw, Scope);
        }
        catch (ExpressionException e)
        {
            throw OperatorFailureException.Permanent(Describe(PathOf(name), e));
        }
    }

    public OperatorSettings Section(string name)
    {
        if (!TryGetRaw(name, out var raw))
        {
            throw Missing(name);
        }

        return new OperatorSettings(raw, Scope, PathOf(name));
    }

    public string? GetString(string name) => Evaluate(name) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        var other => throw WrongType(name, "a string", other),
    };

    /// <summary>A string that must be there; a value whose expressions give null is an error too.</summary>
    public string RequireString(string name) => GetString(name) ?? throw (Has(name)
        ? OperatorFailureException.Permanent($"{PathOf(name)}: '{RawText(name)}' gave null; expected a string")
        : Missing(name));

    public bool? GetBoolean(string name) => Evaluate(name) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var flag) => flag,
        var other => throw WrongType(name, "true or false", other),
    };

    /// <summary>A duration such as <c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>1d</c>, or null when absent.</summary>
    public TimeSpan? GetDuration(string name)
    {
        var text = GetString(name);
        if (text is null)
        {
            return null;
        }

        if (!Duration.TryParse(text, out var duration) || duration <= TimeSpan.Zero)
        {
            throw OperatorFailureException.Permanent($"{PathOf(name)}: '{text}' is not {Duration.Hint}");
        }

        return duration;
    }

    /// <summary>
    /// Evaluates a condition such as <c>successWhen</c>, or null when absent. It must give true or
    /// false; null counts as false, because a field a condition reads is often missing until the
    /// thing waited for is done. Any other value is a mistake in the DAG and fails the node.
    /// </summary>
    public bool? GetCondition(string name)
    {
        if (!Has(name))
        {
            return null;
        }

        return Evaluate(name) switch
        {
            null => false,
            JsonValue v when v.GetValueKind() == JsonValueKind.Null => false,
            JsonValue v when v.TryGetValue<bool>(out var flag) => flag,
            var other => throw WrongType(name, "true or false", other),
        };
    }

    public OperatorFailureException Missing(string name) =>
        OperatorFailureException.Permanent($"{PathOf(name)} is required");

    public OperatorFailureException WrongType(string name, string expected, JsonNode? actual) =>
        OperatorFailureException.Permanent($"{PathOf(name)}: expected {expected}, got {Describe(actual)}");

    /// <summary>The error located at the setting's full path, such as <c>with.body.carrier</c>.</summary>
    private static string Describe(string path, ExpressionException e)
    {
        var inner = string.IsNullOrEmpty(e.Path) ? "" : e.Path.StartsWith('[') ? e.Path : "." + e.Path;
        if (e.Expression.Length == 0)
        {
            // An error the scope raised (a secret not set) has no position to show.
            return $"{path}{inner}: {e.Reason}";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{path}{inner}: expression '{e.Expression}' at column {e.Column}: {e.Reason}");
    }

    private static string Describe(JsonNode? value) =>
        value is null ? "null" : Describe(value.GetValueKind());

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
