namespace DurableDags.Core.Operators;

/// <summary>
/// What a setting in <c>with</c> holds. Every type also accepts a string that is exactly one
/// expression (<c>"${{ params.codes }}"</c>); its value is checked when the node runs.
/// </summary>
public enum SettingType
{
    /// <summary>Text; numbers and booleans are taken as their text.</summary>
    String,

    /// <summary>An absolute http or https URL; checked only when it holds no expression.</summary>
    Url,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>Any number.</summary>
    Number,

    Boolean,

    /// <summary>A duration such as <c>30s</c> or <c>1h30m</c>.</summary>
    Duration,

    /// <summary>An ISO 8601 date-time with an offset, such as <c>2026-01-01T06:00:00Z</c>.</summary>
    DateTime,

    /// <summary>A mapping of names to text, such as HTTP headers.</summary>
    StringMap,

    /// <summary>A list of strings.</summary>
    StringList,

    /// <summary>An HTTP status code, or a list of them.</summary>
    StatusCodes,

    /// <summary>A mapping with settings of its own (<see cref="SettingSpec.Settings"/>).</summary>
    Object,

    /// <summary>Any JSON value: a request body, child run params.</summary>
    Json,

    /// <summary>A condition: a string that is exactly one expression, such as <c>"${{ poll.body.done }}"</c>.</summary>
    Expression,

    /// <summary>
    /// An Entra ID scope for an app's own identity: a resource followed by <c>/.default</c>, such
    /// as <c>https://management.azure.com/.default</c>, <c>api://{app-id}/.default</c> or <c>{app-id}/.default</c>.
    /// </summary>
    EntraScope,
}
