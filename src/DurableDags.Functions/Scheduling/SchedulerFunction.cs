using DurableDags.Api.Scheduling;
using DurableDags.Engine.Runs;
using DurableDags.Functions.Runs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableDags.Functions.Scheduling;

/// <summary>
/// The scheduler on a timer: one <see cref="SchedulerTick"/>, which starts the due scheduled runs
/// through the launcher; overlapping or repeated ticks start each run once. The NCRONTAB comes
/// from the app setting <c>DurableDagsSchedulerSchedule</c> (every minute in the shipped settings),
/// a plain name because binding expressions look settings up by their literal name.
/// </summary>
public sealed class SchedulerFunction(SchedulerTick tick, TimeProvider time)
{
    [Function("Scheduler")]
    public async Task RunAsync([TimerTrigger("%DurableDagsSchedulerSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        using var orchestrations = AmbientRunOrchestrations.Use(new DurableTaskRunOrchestrations(client));
        await tick.RunAsync(time.GetUtcNow(), context.CancellationToken).ConfigureAwait(false);
    }
}
