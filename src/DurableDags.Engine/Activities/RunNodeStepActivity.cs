using System.Text.Json.Nodes;
using System.Text.Json;
using DurableDags.Core.Expressions;
using DurableDags.Core.States;
using DurableDags.Engine.Operators.Logs;
using DurableDags.Engine.Operators.Registration;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Telemetry;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Outages;
using Microsoft.Extensions.Logging;

namespace DurableDags.Engine.Activities;

/// <summary>
/// <see cref="DagActivityNames.RunNodeStep"/>: one step of one attempt. Marks the node running
/// the attempt (first step), calls the node's operator with the idempotency key
/// <c>{runId}/{nodeId}/{attempt}</c>, stores its log, and records the attempt's end with the
/// node's output when the operator ended it. A step of an attempt that already ended (a repeat
/// after a crash, or one that lost a race with a timeout) returns the recorded outcome without
/// calling the operator again. The first attempt's first step costs one create and, for a node
/// that succeeds, one replace on the ETag the create returned: no reads. Delivered for the first
/// time (<see cref="ActivityDelivery"/>), it cannot be a repeat, so it marks the node running
/// only when its operator takes longer than <see cref="DurableDagsEngineOptions.RunningMarkDelay"/>; a node that
/// succeeds sooner costs one create, with the attempt's start and end.
/// </summary>
public sealed class RunNodeStepActivity(
    ICheckpointStore store, DagVersionCache dags, RunRecordCache runs, NodeScopeBuilder scopes, OperatorRegistry operators,
    EngineSecrets secrets, ChildRunStarter children, TimeProvider time, DurableDagsEngineOptions options, ILogger<RunNodeStepActivity>? logger = null)
{
    /// <summary>
    /// The log of a step that ends its attempt travels in the same write as the end when it is at
    /// most this long (an http call logs two lines), saving a write per node; a longer one, or the
    /// log of a step that does not end the attempt, is a chunk of its own, written first.
    /// </summary>
    public const int InlineLogLimit = 8 * 1024;

    public async Task<NodeStepResult> RunAsync(NodeStepInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var instance = new NodeInstance(input.NodeId, input.MapIndex);
        var node = new NodeRecordWriter(store, input.DagId, input.RunId, instance);
        var first = input is { Attempt: 1, Step: 1 };
        if (first)
        {
            node.AssumeAbsent();
        }

        var started = time.GetUtcNow();
        var beganAt = started;
        DelayedRunningMark? mark = null;
        if (first && ActivityDelivery.IsFirst)
        {
            mark = new DelayedRunningMark(node, input.Attempt, started, options.RunningMarkDelay, cancellationToken);
        }
        else
        {
            var record = await node.UpdateAsync(r => AttemptTransitions.Begin(r, input.Attempt, started), cancellationToken).ConfigureAwait(false);
            if (await RecordedOutcomeAsync(record, input.Attempt, cancellationToken).ConfigureAwait(false) is { } recorded)
            {
                return recorded;
            }

            beganAt = record.LatestAttempt?.StartedAt ?? started;
        }

        using var span = AttemptTelemetry.Start(input);
        using var scope = AttemptTelemetry.Scope(logger, input);
        var log = new AttemptLogBuffer(secrets.Values, time);
        OperatorResult result;
        try
        {
            result = await ExecuteAsync(input, instance, log, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (mark is not null)
            {
                await mark.StopAsync().ConfigureAwait(false);
            }
        }

        // The operator has run: its result is held here until the store takes it, however long
        // the store is away. Running the step again would call the operator again, and failing it
        // would turn a storage outage into the node's failure. Every write below is safe to repeat.
        var begin = mark is null ? null : (DateTimeOffset?)started;
        var concluded = await StorageRetry.UntilAvailableAsync(ct => RecordAsync(input, node, result, log, begin, ct), null, cancellationToken).ConfigureAwait(false);
        AttemptTelemetry.End(span, input, concluded, beganAt, time.GetUtcNow());
        return concluded;
    }

    /// <param name="begin">When the step did not mark the node running before its operator ran: the attempt's start, recorded with what follows.</param>
    private async Task<NodeStepResult> RecordAsync(NodeStepInput input, NodeRecordWriter node, OperatorResult result, AttemptLogBuffer log, DateTimeOffset? begin, CancellationToken cancellationToken)
    {
        if (begin is { } at && result is not (OperatorResult.Succeeded or OperatorResult.Failed or OperatorResult.Skipped))
        {
            // The attempt goes on (a poll, a wait, a child run): the node is running it from now.
            await node.UpdateAsync(r => AttemptTransitions.Begin(r, input.Attempt, at), cancellationToken).ConfigureAwait(false);
            begin = null;
        }

        var text = log.Lines.Count > 0 ? log.ToString() + "\n" : null;
        if (text is not null && (text.Length > InlineLogLimit || result is not (OperatorResult.Succeeded or OperatorResult.Failed or OperatorResult.Skipped)))
        {
            await AppendLogChunkAsync(input, text, cancellationToken).ConfigureAwait(false);
            text = null;
        }

        return await ConcludeAsync(input, node, result, log, text, begin, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The outcome of the step's attempt when it already ended; null when it is open and the operator runs.</summary>
    private async Task<NodeStepResult?> RecordedOutcomeAsync(NodeRecord record, int attempt, CancellationToken cancellationToken)
    {
        var recorded = record.LatestAttempt is { } latest && latest.Number == attempt
            ? latest.ToRecord(record)
            : (await store.ListAttemptsAsync(record, cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => a.Attempt == attempt);
        return recorded switch
        {
            null or { EndedAt: null } => null,
            { State: NodeState.Succeeded } => new NodeStepResult { Kind = NodeStepKind.Succeeded },
            { State: NodeState.Skipped } => new NodeStepResult { Kind = NodeStepKind.Skipped },
            _ => new NodeStepResult { Kind = NodeStepKind.Failed, Error = recorded.Error, Retryable = recorded.Retryable },
        };
    }

    private async Task<OperatorResult> ExecuteAsync(NodeStepInput input, NodeInstance instance, AttemptLogBuffer log, CancellationToken cancellationToken)
    {
        try
        {
            var node = await dags.GetNodeAsync(input.DagId, input.DagHash, input.NodeId, cancellationToken).ConfigureAwait(false);
            var run = await runs.GetAsync(input.DagId, input.RunId, cancellationToken).ConfigureAwait(false);
            var scope = await scopes.BuildAsync(run, node, input.Attempt, input.Upstreams, cancellationToken).ConfigureAwait(false);
            if (input.MapIndex is { } index)
            {
                var items = NodeScopeBuilder.EvaluateForeach(node, scope);
                NodeScopeBuilder.WithItem(scope, index < items.Count ? items[index] : null, index);
            }

            if (!operators.TryGet(node.Type, out var op))
            {
                return new OperatorResult.Failed($"no operator of type '{node.Type}' is registered in this host", Retryable: false);
            }

            return await op.ExecuteAsync(new OperatorRequest
            {
                DagId = input.DagId,
                RunId = input.RunId,
                Node = node,
                MapIndex = input.MapIndex,
                Attempt = input.Attempt,
                IdempotencyKey = AttemptRecord.KeyFor(input.RunId, instance, input.Attempt),
                Scope = scope,
                Log = log,
                Time = time,
                State = NodeScopeBuilder.ToNode(input.State),
                EventPayload = NodeScopeBuilder.ToNode(input.EventPayload),
                EventDeadlinePassed = input.EventDeadlinePassed,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ExpressionException ex)
        {
            return new OperatorResult.Failed($"node '{instance}': {ex.Message}", Retryable: false);
        }
        catch (StorageUnavailableException)
        {
            // Not the node's failure: the step runs again when the store is back (on the embedded
            // engine, see ActivityWorkerPool). Nothing was recorded for the operator yet.
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new OperatorResult.Failed($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <param name="text">The step's log when it goes with the attempt's end; null when written already or empty.</param>
    /// <param name="begin">The attempt's start when it is recorded only with its end; null when the record shows it already.</param>
    private async Task<NodeStepResult> ConcludeAsync(NodeStepInput input, NodeRecordWriter node, OperatorResult result,
        AttemptLogBuffer log, string? text, DateTimeOffset? begin, CancellationToken cancellationToken)
    {
        var attempt = input.Attempt;
        // Started and ended in one write; a record that shows the attempt already (marked running
        // after the delay, or ended by the orchestrator first) is changed as it is.
        NodeRecord Begun(NodeRecord r) => begin is { } at ? AttemptTransitions.Begin(r, attempt, at) ?? r : r;
        switch (result)
        {
            case OperatorResult.Succeeded succeeded:
                var output = succeeded.Output is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(succeeded.Output);
                // State and output in one write before the orchestrator hears of it: a downstream
                // node, started only after that, always reads them.
                return await EndAsync(input, node, text, r => AttemptTransitions.Succeed(Begun(r), attempt, time.GetUtcNow(), output, text),
                    new NodeStepResult { Kind = NodeStepKind.Succeeded }, cancellationToken).ConfigureAwait(false);
            case OperatorResult.Failed failed:
                var error = log.Redact(failed.Error);
                return await EndAsync(input, node, text, r => AttemptTransitions.End(Begun(r), attempt, NodeState.Failed, time.GetUtcNow(), error, failed.Retryable, text),
                    new NodeStepResult { Kind = NodeStepKind.Failed, Error = error, Retryable = failed.Retryable }, cancellationToken).ConfigureAwait(false);
            case OperatorResult.Skipped skipped:
                var reason = log.Redact(skipped.Reason);
                return await EndAsync(input, node, text, r => AttemptTransitions.End(Begun(r), attempt, NodeState.Skipped, time.GetUtcNow(), reason, log: text),
                    new NodeStepResult { Kind = NodeStepKind.Skipped }, cancellationToken).ConfigureAwait(false);
            case OperatorResult.Poll poll:
                return new NodeStepResult { Kind = NodeStepKind.Poll, After = poll.After, State = ToElement(poll.State) };
            case OperatorResult.WaitForEvent wait:
                // The wait's state goes on the record too, so the run's view shows what the node waits for.
                var waitState = ToElement(wait.State);
                await node.UpdateAsync(r => r with { Wait = waitState }, cancellationToken).ConfigureAwait(false);
                return new NodeStepResult { Kind = NodeStepKind.WaitForEvent, EventName = wait.EventName, At = wait.Deadline?.UtcDateTime, State = waitState };
            case OperatorResult.WaitUntil until:
                return new NodeStepResult { Kind = NodeStepKind.WaitUntil, At = until.At.UtcDateTime };
            case OperatorResult.StartChildRun child:
                return await StartChildAsync(input, node, child, log, cancellationToken).ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"Unknown operator result {result.GetType().Name}.");
        }
    }

    /// <summary>
    /// Records the attempt's end; if something else ended it first (a timeout, a cancel), that
    /// outcome stands, and the step's log, which could not go with an end, is a chunk of its own.
    /// </summary>
    private async Task<NodeStepResult> EndAsync(NodeStepInput input, NodeRecordWriter node, string? text, Func<NodeRecord, NodeRecord?> end,
        NodeStepResult ended, CancellationToken cancellationToken)
    {
        var written = false;
        var record = await node.UpdateAsync(r =>
        {
            var next = end(r);
            written = next is not null;
            return next;
        }, cancellationToken).ConfigureAwait(false);
        if (written)
        {
            return ended;
        }

        if (text is not null)
        {
            await AppendLogChunkAsync(input, text, cancellationToken).ConfigureAwait(false);
        }

        return await RecordedOutcomeAsync(record, input.Attempt, cancellationToken).ConfigureAwait(false) ?? ended;
    }

    /// <summary>
    /// Starts the child run. The orchestrator waits for one the node waits for; one it does not
    /// wait for ends the node succeeded at once. A child that cannot start fails the attempt.
    /// </summary>
    private async Task<NodeStepResult> StartChildAsync(NodeStepInput input, NodeRecordWriter node,
        OperatorResult.StartChildRun child, AttemptLogBuffer log, CancellationToken cancellationToken)
    {
        OperatorResult result;
        try
        {
            if (child.Wait)
            {
                var run = await children.StartAsync(input, child, cancellationToken).ConfigureAwait(false);
                return new NodeStepResult { Kind = NodeStepKind.StartChildRun, ChildRun = run };
            }

            var started = await children.StartDetachedAsync(input, child, cancellationToken).ConfigureAwait(false);
            result = new OperatorResult.Succeeded(new JsonObject { ["dagId"] = started.DagId, ["runId"] = started.RunId, ["state"] = WireNames.Of(started.State) });
        }
        catch (OperatorFailureException e)
        {
            result = e.ToResult();
        }

        return await ConcludeAsync(input, node, result, log, text: null, begin: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The step's log as chunk number step - 1 of its attempt: a repeated step's chunk is refused, not doubled.</summary>
    private Task<bool> AppendLogChunkAsync(NodeStepInput input, string text, CancellationToken cancellationToken) =>
        store.AppendLogAsync(input.DagId, input.RunId, new NodeInstance(input.NodeId, input.MapIndex), input.Attempt, input.Step - 1, text, cancellationToken);

    private static JsonElement? ToElement(JsonNode? node) => node is null ? null : JsonSerializer.SerializeToElement(node);
}
