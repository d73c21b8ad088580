using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Api.Demo;

/// <summary>The demo service's settings, from <c>DurableDags:Demo</c> (see docs/server.md).</summary>
public sealed record DemoOptions
{
    public const string Section = "DurableDags:Demo";

    /// <summary>How long a submitted job (an ML training, a warehouse load, an analysis) runs.</summary>
    public int JobSeconds { get; init; } = 10;

    /// <summary>How long after the first check the nightly export files appear.</summary>
    public int SensorSeconds { get; init; } = 15;

    /// <exception cref="InvalidOperationException">A setting is not a whole number from 0 to 3600.</exception>
    public static DemoOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        return new DemoOptions
        {
            JobSeconds = Seconds(section, nameof(JobSeconds), 10),
            SensorSeconds = Seconds(section, nameof(SensorSeconds), 15),
        };
    }

    private static int Seconds(IConfigurationSection section, string key, int fallback)
    {
        if (section[key] is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 3600
            ? seconds
            : throw new InvalidOperationException($"{Section}:{key} is '{text}': give a whole number of seconds from 0 to 3600.");
    }
}
