using System.Globalization;
using DurableDags.Core.Alerts;
using DurableDags.Core.States;
using DurableDags.Engine.Activities;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Alerts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Runs;

namespace DurableDags.Engine.Alerts;

/// <summary>
/// <see cref="DagActivityNames.SendAlert"/>: delivers one event to each of its targets and records
/// each delivery on the run. A target whose record says sent is skipped, so an event scheduled
/// again (a replay, a retried call) reaches each target once; a failed delivery is recorded, never
/// thrown, so the run never hears of it.
/// </summary>
public sealed class SendAlertActivity(
    ICheckpointStore store, DagVersionCache versions, AlertLog log, AlertDelivery delivery, AlertOptions options, EngineSecrets secrets, TimeProvider time)
{
    public async Task<SendAlertResult> RunAsync(SendAlertInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var dag = await versions.GetAsync(input.DagId, input.DagHash, cancellationToken).ConfigureAwait(false);
        var node = input.NodeId is null ? null : dag.FindNode(input.NodeId);
        var targets = AlertRules.Resolve(dag.Alerts, node?.Alerts, input.Kind);
        var run = (await store.GetRunAsync(input.DagId, input.RunId, cancellationToken).ConfigureAwait(false))?.Value
            ?? throw new InvalidOperationException($"Run '{input.RunId}' of DAG '{input.DagId}' does not exist.");
        var context = await ReadContextAsync(input, run, cancellationToken).ConfigureAwait(false);
        if (targets.IsEmpty || context is null)
        {
            return new SendAlertResult(0, 0);
        }

        var message = AlertMessages.Build(context, options.PublicUrl, secrets.Redactor);
        int sent = 0, failed = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{input.Key}#{i}");
            var before = await log.GetAsync(input.DagId, input.RunId, key, cancellationToken).ConfigureAwait(false);
            if (before is { State: AlertDeliveryState.Sent })
            {
                sent++;
                continue;
            }

            var outcome = await delivery.DeliverAsync(targets[i], message, key, cancellationToken).ConfigureAwait(false);
            await log.PutAsync(input.DagId, input.RunId, new AlertRecord
            {
                Key = key,
                Kind = AlertKinds.KeyOf(input.Kind),
                NodeId = input.NodeId,
                MapIndex = input.MapIndex,
                Attempt = context.Attempt,
                Target = targets[i].Describe(),
                State = outcome.Sent ? AlertDeliveryState.Sent : AlertDeliveryState.Failed,
                Tries = (before?.Tries ?? 0) + outcome.Tries,
                Status = outcome.Status,
                Error = outcome.Error,
                At = time.GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
            (outcome.Sent ? ref sent : ref failed)++;
        }

        return new SendAlertResult(sent, failed);
    }

    /// <summary>The reason, attempt and log the message shows; null when a recovery alert does not apply.</summary>
    private async Task<AlertContext?> ReadContextAsync(SendAlertInput input, RunRecord run, CancellationToken cancellationToken)
    {
        var context = new AlertContext(input, run) { Reason = input.Reason, Attempt = input.Attempt };
        switch (input.Kind)
        {
            case AlertKind.Recovery:
                var previous = await PreviousRunAsync(run, cancellationToken).ConfigureAwait(false);
                return previous is { State: RunState.Failed } ? context with { PreviousRunId = previous.RunId } : null;
            case AlertKind.RunFailed:
                // The run's reason is its first failed node's: that is what someone has to fix.
                var nodes = await store.ListNodesAsync(input.DagId, input.RunId, cancellationToken).ConfigureAwait(false);
                var first = nodes.Where(n => n.State == NodeState.Failed && n.Attempts > 0).OrderBy(n => n.EndedAt).FirstOrDefault();
                return first is null
                    ? context
                    : context with
                    {
                        Reason = $"{first.Instance}: {first.Error}",
                        Attempt = first.Attempts,
                        LogTail = AlertMessages.Tail(await store.ReadLogAsync(input.DagId, input.RunId, first.Instance, first.Attempts, cancellationToken).ConfigureAwait(false)),
                    };
            case AlertKind.NodeFailed or AlertKind.Retry when input.Attempt > 0:
                var log = await store.ReadLogAsync(input.DagId, input.RunId, new NodeInstance(input.NodeId!, input.MapIndex), input.Attempt, cancellationToken).ConfigureAwait(false);
                return context with { LogTail = AlertMessages.Tail(log) };
            default:
                return context;
        }
    }

    /// <summary>The DAG's last run created before this one that ended succeeded or failed.</summary>
    private async Task<RunRecord?> PreviousRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var page = await store.ListRunsAsync(run.DagId, new RunQuery { Before = run.CreatedAt, Limit = 20 }, cancellationToken).ConfigureAwait(false);
        return page.Runs.FirstOrDefault(r => r.RunId != run.RunId && r.State is RunState.Succeeded or RunState.Failed);
    }
}
