using System.Buffers.Text;
using System.Globalization;
using System.Text;
using DurableDags.Storage.Runs;

namespace DurableDags.Api.Search;

/// <summary>
/// The place of a run in the cross-DAG listing, which is newest first, then by run id, then by DAG
/// id. Clients see it as an opaque string (base64url); its content may change between versions.
/// </summary>
public sealed record RunSearchCursor(DateTimeOffset CreatedAt, string RunId, string DagId) : IComparable<RunSearchCursor>
{
    private const string Version = "r1";

    public static RunSearchCursor Of(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.CreatedAt, run.RunId, run.DagId);
    }

    /// <summary>Negative when this run is listed before <paramref name="other"/>.</summary>
    public int CompareTo(RunSearchCursor? other)
    {
        if (other is null)
        {
            return -1;
        }

        var byTime = other.CreatedAt.UtcTicks.CompareTo(CreatedAt.UtcTicks);
        if (byTime != 0)
        {
            return byTime;
        }

        var byRun = string.CompareOrdinal(RunId, other.RunId);
        return byRun != 0 ? byRun : string.CompareOrdinal(DagId, other.DagId);
    }

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('|', Version, CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), DagId, RunId)));

    /// <summary>The cursor, or null when <paramref name="text"/> is not one this server gave out.</summary>
    public static RunSearchCursor? TryDecode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 1024 || !Base64Url.IsValid(text))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|');
        return parts.Length == 4 && parts[0] == Version
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && parts[2].Length > 0 && parts[3].Length > 0
            ? new RunSearchCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[3], parts[2])
            : null;
    }
}
