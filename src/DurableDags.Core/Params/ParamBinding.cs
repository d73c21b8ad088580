using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace DurableDags.Core.Params;

/// <summary>The outcome of <see cref="RunParams.Bind"/>: resolved values, or every error.</summary>
public sealed class ParamBinding
{
    private ParamBinding(JsonObject? values, ImmutableArray<ParamError> errors)
    {
        Values = values;
        Errors = errors;
    }

    /// <summary>Every declared parameter with its given or default value; null when invalid.</summary>
    public JsonObject? Values { get; }

    public ImmutableArray<ParamError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Values))]
    public bool IsValid => Values is not null;

    internal static ParamBinding Valid(JsonObject values) => new(values, []);

    internal static ParamBinding Invalid(ImmutableArray<ParamError> errors) => new(null, errors);
}
