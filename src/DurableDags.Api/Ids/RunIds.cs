using System.Globalization;
using System.Security.Cryptography;

namespace DurableDags.Api.Ids;

/// <summary>
/// How run ids are made. A scheduled run's id is its logical date, so every scheduler that
/// considers the same occurrence names the same run, and creating it only if absent starts it once.
/// Times use the ISO-8601 basic format (<c>20261122T060000Z</c>): a run id is one storage key
/// segment, and ':' is not allowed there (it is not allowed in Windows file names).
/// </summary>
public static class RunIds
{
    public const string ScheduledPrefix = "scheduled__";
    public const string ManualPrefix = "manual__";
    public const string RerunPrefix = "rerun__";
    public const string BackfillPrefix = "backfill__";

    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary><c>scheduled__20261122T060000Z</c>: the logical date in UTC, to the second, as schedules fire.</summary>
    public static string Scheduled(DateTimeOffset logicalDate) =>
        ScheduledPrefix + logicalDate.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>backfill__20261122T060000Z</c>: a backfill's run of one logical date, named like a scheduled one.</summary>
    public static string Backfill(DateTimeOffset logicalDate) =>
        BackfillPrefix + logicalDate.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>manual__20261122T101500.123Z_k3f9x2m7qa</c>: when it was asked for, and a random suffix.</summary>
    public static string Manual(DateTimeOffset now) => ManualPrefix + Stamp(now) + "_" + Suffix();

    /// <summary><c>rerun__20261122T101500.123Z_k3f9x2m7qa</c>.</summary>
    public static string Rerun(DateTimeOffset now) => RerunPrefix + Stamp(now) + "_" + Suffix();

    private static string Stamp(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture);

    // Ten characters (36^10 ids a millisecond): two triggers in the same millisecond drawing the
    // same suffix would silently share one run, which four characters allowed about once in
    // 3,000 bursts of 500 triggers (measured in bench/results.md).
    private static string Suffix() => string.Create(10, 0, static (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });
}
