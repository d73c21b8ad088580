namespace DurableDags.Cli.Testing;

/// <summary>
/// The clock of a DAG test: time stands still until <see cref="AdvanceTo"/> moves it to a timer's
/// due time and fires it, so retries, backoff, timers and polls of hours take no real time and
/// every run of a test sees the same times.
/// </summary>
internal sealed class VirtualClock(DateTimeOffset start, Action touched) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<VirtualTimer> _timers = [];
    private DateTimeOffset _now = start;

    /// <summary>Told each timer's callback just before it fires.</summary>
    public Action<TimerCallback>? Firing { get; set; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>When the earliest armed timer is due; null when none is armed.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count == 0 ? null : _timers.Min(t => t.Due);
            }
        }
    }

    /// <summary>
    /// How many <c>Task.Delay</c>s on this clock are pending: work inside an activity (a poke
    /// sensor between checks, a canned delayed answer) that waits for the clock to move. A
    /// delay's timer carries its task as state; an orchestration's timers and timeouts do not.
    /// </summary>
    public int Asleep
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.State is Task);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Fires, in due order, every timer due by <paramref name="when"/>, with the clock at each one's due time.</summary>
    public void AdvanceTo(DateTimeOffset when)
    {
        while (true)
        {
            VirtualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due <= when).MinBy(t => t.Due);
                if (next is null)
                {
                    _now = when > _now ? when : _now;
                    return;
                }

                _now = next.Due > _now ? next.Due : _now;
                _timers.Remove(next);
                if (next.Period is { } period)
                {
                    next.Due = _now + period;
                    _timers.Add(next);
                }
            }

            touched();
            Firing?.Invoke(next.Callback);
            next.Fire();
        }
    }

    private void Arm(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.Due = _now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
                timer.Period = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? null : period;
                _timers.Add(timer);
            }
        }

        touched();
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public TimeSpan? Period { get; set; }

        public TimerCallback Callback => callback;

        public object? State => state;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Arm(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => clock.Arm(this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
