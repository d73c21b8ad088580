using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableDags.Api.Scheduling;

/// <summary>The local server's scheduler: a <see cref="SchedulerTick"/> every <see cref="SchedulerOptions.Interval"/>.</summary>
public sealed partial class SchedulerService(SchedulerTick tick, SchedulerOptions options, TimeProvider time, ILogger<SchedulerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval, time);
        do
        {
            try
            {
                var report = await tick.RunAsync(time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                if (report.Started.Count > 0)
                {
                    LogStarted(logger, report.Started.Count, string.Join(", ", report.Started));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A store that is briefly unreachable must not stop the scheduler for good.
                LogTickFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler started {Count} run(s): {RunIds}")]
    private static partial void LogStarted(ILogger logger, int count, string runIds);

    [LoggerMessage(Level = LogLevel.Error, Message = "A scheduler tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
