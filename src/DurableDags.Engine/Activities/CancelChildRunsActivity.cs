using DurableDags.Engine.Runs;
using DurableDags.Orchestration.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Engine.Activities;

/// <summary>
/// <see cref="DagActivityNames.CancelChildRuns"/>: cancels the child runs of a cancelled run
/// through the host's launcher, as a user's cancel would. A child whose orchestration never
/// started (its step saw the cancel first) is recorded cancelled by the launcher, since nothing
/// else will ever end it.
/// </summary>
public sealed class CancelChildRunsActivity(IServiceProvider services)
{
    /// <returns>How many child runs were still going and are now cancelling or cancelled.</returns>
    public async Task<int> RunAsync(CancelChildRunsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Resolved here, not injected: the launcher's engine is built from the activities that need this.
        var launcher = services.GetRequiredService<IRunLauncher>();
        var cancelled = 0;
        foreach (var child in input.Children)
        {
            cancelled += await launcher.CancelRunAsync(child.DagId, child.RunId, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return cancelled;
    }
}
