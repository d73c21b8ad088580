using System.Buffers;

namespace DurableDags.Storage.Objects;

/// <summary>
/// The one gate between ids and storage paths. A key is a relative path of segments joined by
/// <c>/</c>; a segment is 1 to 200 of <c>[A-Za-z0-9._-]</c> and never <c>.</c> or <c>..</c>. So no
/// key can be absolute, climb out of its root, or mean different things on disk and in Blob Storage.
/// </summary>
public static class ObjectKey
{
    public const int MaxLength = 1024;

    /// <summary>Leaves room in a 255-byte file name for the temporary suffix of an atomic write.</summary>
    public const int MaxSegmentLength = 200;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>Throws <see cref="ArgumentException"/> naming the key and what is wrong with it.</summary>
    public static void Validate(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Problem(key, allowPartialLast: false) is { } problem)
        {
            throw new ArgumentException($"Storage key '{key}' is not allowed: {problem}.", nameof(key));
        }
    }

    /// <summary>Like <see cref="Validate"/>, but the last segment may be empty or partial, as prefixes are.</summary>
    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length > 0 && Problem(prefix, allowPartialLast: true) is { } problem)
        {
            throw new ArgumentException($"Storage prefix '{prefix}' is not allowed: {problem}.", nameof(prefix));
        }
    }

    public static bool IsValidSegment(string? segment) => segment is not null && SegmentProblem(segment) is null;

    /// <summary>
    /// Checks that an id can stand as one key segment, so that it cannot add folders to a key;
    /// throws naming the id's role (<c>runId</c>, <c>dagId</c>…).
    /// </summary>
    public static string RequireSegment(string? id, string role)
    {
        if (id is null)
        {
            throw new ArgumentException($"{role} is missing.", role);
        }

        if (SegmentProblem(id) is { } problem)
        {
            throw new ArgumentException($"{role} '{id}' is not a valid id: {problem}.", role);
        }

        return id;
    }

    private static string? Problem(string key, bool allowPartialLast)
    {
        if (key.Length > MaxLength)
        {
            return $"it is {key.Length} characters long, over the limit of {MaxLength}";
        }

        var segments = key.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            if (last && allowPartialLast && (segments[i].Length == 0 || segments[i] is "." or ".."))
            {
                // A prefix may end in "/" or stop part-way through a segment.
                continue;
            }

            if (SegmentProblem(segments[i]) is { } problem)
            {
                return $"segment {i + 1} {problem}";
            }
        }

        return null;
    }

    private static string? SegmentProblem(string segment)
    {
        if (segment.Length == 0)
        {
            return "is empty (keys are relative and never hold '//')";
        }

        if (segment is "." or "..")
        {
            return $"'{segment}' would leave its folder";
        }

        if (segment.Length > MaxSegmentLength)
        {
            return $"is {segment.Length} characters long, over the limit of {MaxSegmentLength}";
        }

        var bad = segment.AsSpan().IndexOfAnyExcept(Allowed);
        return bad >= 0 ? $"'{segment}' holds '{segment[bad]}'; only letters, digits, '.', '_' and '-' are allowed" : null;
    }
}
