using System.Globalization;
using System.Security.Cryptography;
using DurableDags.Core.Params;

namespace DurableDags.Api.Ids;

/// <summary>
/// How run ids are made. A scheduled run's id is its logical date, so every scheduler that
/// considers the same occurrence names the same run, and creating it only if absent starts it once.
/// </summary>
public static class RunIds
{
    public const string ScheduledPrefix = "scheduled__";
    public const string ManualPrefix = "manual__";
    public const string RerunPrefix = "rerun__";

    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary><c>scheduled__2026-11-22T06:00:00Z</c>: the logical date in UTC.</summary>
    public static string Scheduled(DateTimeOffset logicalDate) => ScheduledPrefix + RunParams.FormatDate(logicalDate);

    /// <summary><c>manual__2026-11-22T10:15:00.123Z_k3f9</c>: when it was asked for, and a random suffix.</summary>
    public static string Manual(DateTimeOffset now) => ManualPrefix + Stamp(now) + "_" + Suffix();

    /// <summary><c>rerun__2026-11-22T10:15:00.123Z_k3f9</c>.</summary>
    public static string Rerun(DateTimeOffset now) => RerunPrefix + Stamp(now) + "_" + Suffix();

    private static string Stamp(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Suffix() => string.Create(4, 0, static (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });
}
