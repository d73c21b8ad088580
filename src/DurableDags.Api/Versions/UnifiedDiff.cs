using System.Text;

namespace DurableDags.Api.Versions;

/// <summary>
/// A line-based unified diff (as <c>diff -u</c> writes it) of two texts. The common head and tail
/// are cut first; the middle is aligned by a longest common subsequence, or, past
/// <see cref="MaxCells"/> (two very different large files), shown as replaced whole.
/// </summary>
public static class UnifiedDiff
{
    public const int Context = 3;

    private const long MaxCells = 16_000_000;

    /// <summary>The diff, or an empty string when the texts have the same lines.</summary>
    public static string Of(string before, string after, string beforeName, string afterName)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);
        if (edits.All(e => e.Kind == ' '))
        {
            return string.Empty;
        }

        var text = new StringBuilder().Append("--- ").AppendLine(beforeName).Append("+++ ").AppendLine(afterName);
        foreach (var hunk in Hunks(edits))
        {
            Write(text, edits, hunk.Start, hunk.End);
        }

        return text.ToString();
    }

    private readonly record struct Edit(char Kind, string Line, int OldLine, int NewLine);

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    private static List<Edit> Edits(string[] a, string[] b)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
        {
            tail++;
        }

        var edits = new List<Edit>(a.Length + b.Length);
        for (var i = 0; i < head; i++)
        {
            edits.Add(new(' ', a[i], i, i));
        }

        Middle(a, b, head, a.Length - tail, b.Length - tail, edits);
        for (var k = tail; k > 0; k--)
        {
            edits.Add(new(' ', a[^k], a.Length - k, b.Length - k));
        }

        return edits;
    }

    private static void Middle(string[] a, string[] b, int start, int aEnd, int bEnd, List<Edit> edits)
    {
        int n = aEnd - start, m = bEnd - start;
        if ((long)n * m > MaxCells)
        {
            edits.AddRange(Enumerable.Range(start, n).Select(i => new Edit('-', a[i], i, -1)));
            edits.AddRange(Enumerable.Range(start, m).Select(j => new Edit('+', b[j], -1, j)));
            return;
        }

        // lcs[i, j]: the longest common subsequence of a[start+i..aEnd) and b[start+j..bEnd).
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[start + i] == b[start + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && a[start + x] == b[start + y])
            {
                edits.Add(new(' ', a[start + x], start + x, start + y));
                x++;
                y++;
            }
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                // Removals before additions, as diff -u lists a changed line.
                edits.Add(new('-', a[start + x], start + x, -1));
                x++;
            }
            else
            {
                edits.Add(new('+', b[start + y], -1, start + y));
                y++;
            }
        }
    }

    /// <summary>Ranges of edits, each change with up to <see cref="Context"/> unchanged lines around it; close ones merge.</summary>
    private static List<(int Start, int End)> Hunks(List<Edit> edits)
    {
        var hunks = new List<(int Start, int End)>();
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits[i].Kind == ' ')
            {
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = Math.Min(edits.Count, i + Context + 1);
            if (hunks.Count > 0 && start <= hunks[^1].End)
            {
                hunks[^1] = (hunks[^1].Start, end);
            }
            else
            {
                hunks.Add((start, end));
            }
        }

        return hunks;
    }

    private static void Write(StringBuilder text, List<Edit> edits, int start, int end)
    {
        var range = edits.GetRange(start, end - start);
        var oldCount = range.Count(e => e.Kind != '+');
        var newCount = range.Count(e => e.Kind != '-');
        var firstOld = range.FindIndex(e => e.OldLine >= 0);
        var firstNew = range.FindIndex(e => e.NewLine >= 0);
        var oldStart = firstOld >= 0 ? range[firstOld].OldLine + 1 : OldBefore(edits, start);
        var newStart = firstNew >= 0 ? range[firstNew].NewLine + 1 : NewBefore(edits, start);
        text.Append("@@ -").Append(oldStart).Append(',').Append(oldCount).Append(" +").Append(newStart).Append(',').Append(newCount).AppendLine(" @@");
        foreach (var edit in range)
        {
            text.Append(edit.Kind).AppendLine(edit.Line);
        }
    }

    // An empty side's start is the line before the hunk, as diff -u writes it (0 at the top).
    private static int OldBefore(List<Edit> edits, int start) => edits.Take(start).Count(e => e.Kind != '+');

    private static int NewBefore(List<Edit> edits, int start) => edits.Take(start).Count(e => e.Kind != '-');
}
