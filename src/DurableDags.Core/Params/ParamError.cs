namespace DurableDags.Core.Params;

/// <summary>What is wrong with one run parameter; <see cref="Path"/> is <c>params.NAME</c>.</summary>
public sealed record ParamError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
