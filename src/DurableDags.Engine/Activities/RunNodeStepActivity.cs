using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;
using DurableDags.Core.States;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Logs;
using DurableDags.Engine.Operators.Registration;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;

namespace DurableDags.Engine.Activities;

/// <summary>
/// <see cref="DagActivityNames.RunNodeStep"/>: one step of one attempt. Records the attempt's
/// start (first step), calls the node's operator with the idempotency key
/// <c>{runId}/{nodeId}/{attempt}</c>, stores its log and output, and closes the attempt when the
/// operator ended it. A step of an attempt that is already closed (a repeat after a crash)
/// returns the recorded outcome without calling the operator again.
/// </summary>
public sealed class RunNodeStepActivity(
    ICheckpointStore store, DagVersionCache dags, NodeScopeBuilder scopes, OperatorRegistry operators,
    EngineSecrets secrets, ChildRunStarter children, TimeProvider time)
{
    public async Task<NodeStepResult> RunAsync(NodeStepInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var instance = new NodeInstance(input.NodeId, input.MapIndex);
        var attempts = await store.ListAttemptsAsync(input.DagId, input.RunId, instance, cancellationToken).ConfigureAwait(false);
        var record = attempts.FirstOrDefault(a => a.Attempt == input.Attempt);
        if (record is { EndedAt: not null })
        {
            return record.State switch
            {
                NodeState.Succeeded => new NodeStepResult { Kind = NodeStepKind.Succeeded },
                NodeState.Skipped => new NodeStepResult { Kind = NodeStepKind.Skipped },
                _ => new NodeStepResult { Kind = NodeStepKind.Failed, Error = record.Error, Retryable = record.Retryable },
            };
        }

        record ??= new AttemptRecord
        {
            DagId = input.DagId,
            RunId = input.RunId,
            NodeId = input.NodeId,
            MapIndex = input.MapIndex,
            Attempt = input.Attempt,
            StartedAt = time.GetUtcNow(),
        };
        if (input.Step == 1)
        {
            await store.PutAttemptAsync(record, cancellationToken).ConfigureAwait(false);
        }

        var log = new AttemptLogBuffer(secrets.Values);
        var result = await ExecuteAsync(input, instance, record, log, cancellationToken).ConfigureAwait(false);
        if (log.Lines.Count > 0)
        {
            await store.AppendLogAsync(input.DagId, input.RunId, instance, input.Attempt, input.Step - 1, log.ToString() + "\n", cancellationToken).ConfigureAwait(false);
        }

        return await ConcludeAsync(input, instance, record, result, log, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OperatorResult> ExecuteAsync(NodeStepInput input, NodeInstance instance, AttemptRecord record, AttemptLogBuffer log, CancellationToken cancellationToken)
    {
        try
        {
            var node = await dags.GetNodeAsync(input.DagId, input.DagHash, input.NodeId, cancellationToken).ConfigureAwait(false);
            var run = await store.GetRunAsync(input.DagId, input.RunId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run '{input.RunId}' of DAG '{input.DagId}' does not exist.");
            var scope = await scopes.BuildAsync(run.Value, node, input.Attempt, input.Upstreams, cancellationToken).ConfigureAwait(false);
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
                IdempotencyKey = record.IdempotencyKey,
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
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new OperatorResult.Failed($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<NodeStepResult> ConcludeAsync(NodeStepInput input, NodeInstance instance, AttemptRecord record,
        OperatorResult result, AttemptLogBuffer log, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case OperatorResult.Succeeded succeeded:
                var output = succeeded.Output is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(succeeded.Output);
                // State and output in one write before the orchestrator hears of it: a downstream
                // node, started only after that, always reads them.
                var ended = time.GetUtcNow();
                await NodeRecords.UpdateAsync(store, input.DagId, input.RunId, instance, r => r with
                {
                    Output = output,
                    State = NodeState.Succeeded,
                    Attempts = input.Attempt,
                    StartedAt = r.StartedAt ?? record.StartedAt,
                    EndedAt = ended,
                    Error = null,
                }, cancellationToken).ConfigureAwait(false);
                await Close(record, NodeState.Succeeded, null, cancellationToken).ConfigureAwait(false);
                return new NodeStepResult { Kind = NodeStepKind.Succeeded };
            case OperatorResult.Failed failed:
                var error = log.Redact(failed.Error);
                await Close(record with { Retryable = failed.Retryable }, NodeState.Failed, error, cancellationToken).ConfigureAwait(false);
                return new NodeStepResult { Kind = NodeStepKind.Failed, Error = error, Retryable = failed.Retryable };
            case OperatorResult.Skipped skipped:
                await Close(record, NodeState.Skipped, log.Redact(skipped.Reason), cancellationToken).ConfigureAwait(false);
                return new NodeStepResult { Kind = NodeStepKind.Skipped };
            case OperatorResult.Poll poll:
                return new NodeStepResult { Kind = NodeStepKind.Poll, After = poll.After, State = ToElement(poll.State) };
            case OperatorResult.WaitForEvent wait:
                return new NodeStepResult { Kind = NodeStepKind.WaitForEvent, EventName = wait.EventName, At = wait.Deadline?.UtcDateTime, State = ToElement(wait.State) };
            case OperatorResult.WaitUntil until:
                return new NodeStepResult { Kind = NodeStepKind.WaitUntil, At = until.At.UtcDateTime };
            case OperatorResult.StartChildRun child:
                return await StartChildAsync(input, instance, record, child, log, cancellationToken).ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"Unknown operator result {result.GetType().Name}.");
        }
    }

    /// <summary>
    /// Starts the child run. The orchestrator waits for one the node waits for; one it does not
    /// wait for ends the node succeeded at once. A child that cannot start fails the attempt.
    /// </summary>
    private async Task<NodeStepResult> StartChildAsync(NodeStepInput input, NodeInstance instance, AttemptRecord record,
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

        return await ConcludeAsync(input, instance, record, result, log, cancellationToken).ConfigureAwait(false);
    }

    private Task Close(AttemptRecord record, NodeState state, string? error, CancellationToken cancellationToken) =>
        store.PutAttemptAsync(record with { State = state, EndedAt = time.GetUtcNow(), Error = error }, cancellationToken);

    private static JsonElement? ToElement(JsonNode? node) => node is null ? null : JsonSerializer.SerializeToElement(node);
}
