using System.Text.Json;
using DurableDags.Api.Registry;
using DurableDags.Core.Params;
using DurableDags.Core.States;
using DurableDags.Engine.Runs;
using DurableDags.Storage.Runs;

namespace DurableDags.Api.Scheduling;

/// <summary>
/// Starts the run of one logical date with the params' defaults, for the schedule and for
/// backfills. If the params do not bind (a required param has no default), the run is recorded
/// failed with the reason, where users look for it.
/// </summary>
public sealed class LogicalDateRuns(DagRegistry registry, IRunLauncher launcher)
{
    public async Task<RunStart> StartAsync(RegisteredDag dag, string runId, DateTimeOffset logicalDate, RunTrigger trigger, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dag);
        var binding = RunParams.Bind(dag.Definition, null, new RunIdentity(dag.DagId, runId, logicalDate));
        if (binding.IsValid)
        {
            return await launcher.StartRunAsync(
                new RunLaunch { DagId = dag.DagId, DagHash = dag.Version.Hash, RunId = runId, Params = JsonSerializer.SerializeToElement(binding.Values), LogicalDate = logicalDate.ToUniversalTime(), Trigger = trigger },
                cancellationToken).ConfigureAwait(false);
        }

        return await registry.Store.StartRunAsync(
            new RunRecord
            {
                RunId = runId,
                DagId = dag.DagId,
                DagVersion = dag.Version.Version,
                DagHash = dag.Version.Hash,
                LogicalDate = logicalDate.ToUniversalTime(),
                Trigger = trigger,
                CreatedAt = now,
                State = RunState.Failed,
                EndedAt = now,
                Error = $"The {WireNames.Of(trigger.Kind)} cannot start this run: " + string.Join("; ", binding.Errors),
            },
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
