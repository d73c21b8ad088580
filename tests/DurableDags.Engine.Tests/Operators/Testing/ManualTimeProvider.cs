namespace DurableDags.Engine.Tests.Operators.Testing;

/// <summary>
/// A clock the test moves by hand, as the orchestrator's durable timers would between steps.
/// Timers (request timeouts) still run on real time: only the wall-clock reading is controlled.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
