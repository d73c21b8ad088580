using DurableDags.Engine.Operators.Sensors;

namespace DurableDags.Cli.Testing;

/// <summary>The host storage of a test's blob sensors: the blobs its test file lists exist, no other.</summary>
internal sealed class FakeBlobProbe(IReadOnlyList<string> blobs, ActivityMonitor monitor) : IBlobProbe
{
    public Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken)
    {
        monitor.Touch();
        return Task.FromResult(blobs.Contains($"{container}/{name}", StringComparer.Ordinal));
    }

    public Task<bool> AnyAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        monitor.Touch();
        return Task.FromResult(blobs.Any(b => b.StartsWith($"{container}/{prefix}", StringComparison.Ordinal)));
    }
}
