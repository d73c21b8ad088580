namespace DurableDags.Api.Retention;

/// <summary>
/// Applies <see cref="RetentionOptions.RunDays"/> from the scheduler tick, at most once per
/// <see cref="RetentionOptions.Every"/> on this host. Several hosts purging at once is harmless:
/// a run already deleted is skipped.
/// </summary>
public sealed class RunRetention(RunPurger purger, RetentionOptions options)
{
    private DateTimeOffset? _last;

    /// <summary>The runs deleted; none when retention is off or it ran recently.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (options.RunDays <= 0 || (_last is { } last && now - last < options.Every))
        {
            return [];
        }

        _last = now;
        return await purger.PurgeAsync(now.AddDays(-options.RunDays), null, cancellationToken).ConfigureAwait(false);
    }
}
