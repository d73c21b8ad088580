using System.Collections.Immutable;
using System.Text.Json;
using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Definitions;

/// <summary>A typed run parameter. A default may be an expression, evaluated when the run starts.</summary>
public sealed record ParamDefinition
{
    public required string Name { get; init; }

    public required ParamType Type { get; init; }

    /// <summary>The default as written; absent means the parameter is required.</summary>
    public JsonElement? Default { get; init; }

    public string? Description { get; init; }

    /// <summary>Allowed values, when the definition restricts them.</summary>
    public ImmutableArray<JsonElement> Enum { get; init; } = [];

    public SourceLocation Location { get; init; }

    public bool IsRequired => Default is null;
}
