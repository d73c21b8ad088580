namespace DurableDags.Core.Loading.Tree;

/// <summary>One key and its value in a mapping.</summary>
internal readonly record struct SourceEntry(SourceScalar Key, SourceNode Value);
