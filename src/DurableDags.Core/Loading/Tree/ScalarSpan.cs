namespace DurableDags.Core.Loading.Tree;

/// <summary>The raw text of a scalar in the file, from its first to past its last character.</summary>
internal readonly record struct ScalarSpan(int StartIndex, int EndIndex, int Line, int Column, bool SingleLine);
