namespace DurableDags.Api.Handlers;

/// <summary>
/// Whether the store was last seen reachable, and if not since when and why. Health probes set
/// it both ways; any API call that meets an unreachable store marks it down, so health knows at
/// once. Only a probe marks it up again.
/// </summary>
public sealed class StorageStatus(TimeProvider time)
{
    private Outage? _outage;

    /// <summary>The outage going on, or null when the store was last seen reachable.</summary>
    public Outage? Current => Volatile.Read(ref _outage);

    public void MarkDown(string reason)
    {
        var now = time.GetUtcNow();
        while (true)
        {
            var current = Volatile.Read(ref _outage);
            // The outage keeps the time it began; only its reason is refreshed.
            var next = new Outage(current?.Since ?? now, reason);
            if (Interlocked.CompareExchange(ref _outage, next, current) == current)
            {
                return;
            }
        }
    }

    public void MarkUp() => Volatile.Write(ref _outage, null);

    public sealed record Outage(DateTimeOffset Since, string Reason)
    {
        public string Describe() => $"Storage unreachable since {Since.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}: {Reason}";
    }
}
