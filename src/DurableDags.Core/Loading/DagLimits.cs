namespace DurableDags.Core.Loading;

/// <summary>
/// What one DAG file may cost to read. A file of a few kilobytes can otherwise ask for gigabytes
/// (an anchored string repeated by aliases) or minutes (deep nesting, thousands of needs), so each
/// bound is checked while the file is read and reading stops at the first one passed, with one
/// error naming it. Every bound is far above what a real DAG needs (the benchmark's 10,000-node DAG
/// is well inside all of them).
/// </summary>
public static class DagLimits
{
    /// <summary>
    /// How deep lists and mappings may nest. Values of a DAG end up inside JSON documents (run
    /// records, API views) that JSON readers and writers limit to 64 levels, so a DAG keeps half of that.
    /// </summary>
    public const int MaxDepth = 32;

    /// <summary>Characters of all keys and values, with every alias counted as the text it stands for.</summary>
    public const int MaxExpandedCharacters = 4 * 1024 * 1024;

    /// <summary>Keys and values in the file, with every alias counted as the values it stands for.</summary>
    public const int MaxValues = 1_000_000;

    /// <summary>Values that aliases may stand for in all (a "billion laughs" file is refused long before memory runs out).</summary>
    public const int MaxAliasExpansion = 100_000;

    /// <summary>Entries of <c>nodes</c>.</summary>
    public const int MaxNodes = 20_000;

    /// <summary>Entries of one node's <c>needs</c>.</summary>
    public const int MaxNeeds = 1_000;

    /// <summary>Errors listed for one file; the rest are counted in a last line.</summary>
    public const int MaxErrors = 100;
}
