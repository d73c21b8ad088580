namespace DurableDags.Storage.Objects;

/// <summary>One page of a listing, in ordinal key order.</summary>
/// <param name="Keys">Full keys, prefix included.</param>
/// <param name="NextStartAfter">Pass as <c>startAfter</c> for the next page; null on the last page.</param>
public sealed record ObjectPage(IReadOnlyList<string> Keys, string? NextStartAfter)
{
    /// <summary>The page size Blob Storage allows; listings never return more at once.</summary>
    public const int MaxLimit = 5000;

    public static ObjectPage Empty { get; } = new([], null);

    internal static void ValidateLimit(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
    }

    /// <summary>Builds a page from keys already sorted and filtered, one more than the limit if more exist.</summary>
    internal static ObjectPage From(List<string> keys, int limit)
    {
        if (keys.Count <= limit)
        {
            return new ObjectPage(keys, null);
        }

        keys.RemoveRange(limit, keys.Count - limit);
        return new ObjectPage(keys, keys[^1]);
    }
}
