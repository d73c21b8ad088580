namespace DurableDags.Core.Diagnostics;

/// <summary>A place in a DAG file: 1-based line and column, as editors count them.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation None(string file) => new(file, 0, 0);

    public bool IsKnown => Line > 0;

    public SourceLocation Offset(int columns) => this with { Column = Column + columns };

    public override string ToString() => IsKnown ? $"{File}:{Line}:{Column}" : File;
}
