using System.Globalization;

namespace DurableDags.Benchmarks.Scenarios;

/// <summary>How busy the machine is, from Linux's load average and CPU pressure (empty elsewhere).</summary>
public static class MachineLoad
{
    public static string Describe()
    {
        var load = Read("/proc/loadavg") is { } loadavg ? string.Join(' ', loadavg.Split(' ').Take(3)) : "unknown";
        // "some avg10=53.81 ...": the share of the last 10 s in which some task waited for a core.
        var pressure = Read("/proc/pressure/cpu")?.Split('\n').FirstOrDefault()?.Split(' ').FirstOrDefault(p => p.StartsWith("avg10=", StringComparison.Ordinal));
        return string.Create(CultureInfo.InvariantCulture,
            $"load average {load} on {Environment.ProcessorCount} cores{(pressure is null ? "" : $", CPU pressure {pressure["avg10=".Length..]} % (some, 10 s)")}");
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
