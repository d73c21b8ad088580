using System.Diagnostics.CodeAnalysis;

namespace DurableDags.Core.Scheduling;

/// <summary>Finds the IANA time zone a schedule is read in, with errors that say what to write instead.</summary>
internal static class ScheduleTimeZone
{
    public static bool TryFind(string id, [NotNullWhen(true)] out TimeZoneInfo? zone, [NotNullWhen(false)] out string? error)
    {
        zone = Find(id);

        // .NET caches zones case-insensitively but the file system is not, so 'america/bogota'
        // would work or not depending on what was loaded before; demand the exact spelling.
        if (zone is not null && zone.HasIanaId && string.Equals(zone.Id, id, StringComparison.Ordinal))
        {
            error = null;
            return true;
        }

        error = zone is not null && !zone.HasIanaId && TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana)
            ? $"time zone '{id}' is a Windows id; write the IANA id '{iana}'"
            : SpellingOf(id) is { } spelled
                ? $"time zone '{id}' is spelled '{spelled}'"
                : $"time zone '{id}' is not a known IANA time zone; write one such as 'UTC', 'Europe/Berlin' or 'America/Bogota'";
        zone = null;
        return false;
    }

    private static string? SpellingOf(string id) =>
        // Unsorted: sorting by display name costs seconds, and only the spelling is wanted here.
        TimeZoneInfo.GetSystemTimeZones(skipSorting: true)
            .FirstOrDefault(z => string.Equals(z.Id, id, StringComparison.OrdinalIgnoreCase))?.Id;

    private static TimeZoneInfo? Find(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }
}
