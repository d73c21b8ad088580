using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Api.Ids;
using DurableDags.Api.Json;
using DurableDags.Api.Problems;
using DurableDags.Api.Registry;
using DurableDags.Api.Requests;
using DurableDags.Api.Routing;
using DurableDags.Api.Views;
using DurableDags.Core.States;
using DurableDags.Engine.Runs;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Runs;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary>
/// <c>POST …/runs/{runId}/nodes/{nodeId}/mark</c> body <c>{ "state": "succeeded|failed", "reason": "…" }</c>.
/// In a running run, a node that waits is ended in place with the marked state (see
/// <see cref="DagActivityNames.MarkEvent"/>). A finished run is not changed: the mark is a new run generation made by the rerun machinery,
/// which keeps every node's state and output, sets the marked node's, and runs its downstream again
/// so the trigger rules decide with the new state. The node record of the new run carries the
/// mark (state, reason, who, when).
/// </summary>
public sealed class NodeMarkHandler(DagRegistry registry, IRunLauncher launcher, ApiOptions options, TimeProvider time)
{
    public const int MaxReasonLength = 1000;

    public async Task<IResult> MarkAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (state, reason) = Read(await RequestBody.ReadObjectAsync(call.Request, options.MaxBodyBytes, call.Cancellation).ConfigureAwait(false));
        var run = (await registry.Store.GetRunAsync(call.DagId, call.RunId, call.Cancellation).ConfigureAwait(false))?.Value
            ?? throw new ApiProblemException(RunQueryHandlers.UnknownRun(call.DagId, call.RunId));
        var dag = await registry.GetVersionAsync(run.DagId, run.DagHash, call.Cancellation).ConfigureAwait(false);
        var node = dag.FindNode(call.NodeId)
            ?? throw new ApiProblemException(ApiProblem.NotFound($"DAG '{run.DagId}' version {run.DagVersion} has no node '{call.NodeId}'"));
        if (node.IsMapped)
        {
            throw new ApiProblemException(ApiProblem.InvalidRequest("The node cannot be marked", [
                ProblemError.At("nodeId", $"'{node.Id}' is a foreach node; rerun from it instead (POST …/rerun with from)")]));
        }

        var now = time.GetUtcNow();
        if (!run.State.IsFinal())
        {
            return await MarkWaitingAsync(call, run, new NodeMarkEvent(node.Id, state, reason, call.Caller.Name, now)).ConfigureAwait(false);
        }

        var mark = new NodeMark { NodeId = node.Id, State = state, Reason = reason, By = call.Caller.Name, At = now };
        var start = await launcher.RerunAsync(
            new RunRerun { DagId = run.DagId, RunId = run.RunId, NewRunId = RunIds.Rerun(now), Mark = mark },
            call.Cancellation).ConfigureAwait(false);
        var url = RunViewMapper.StatusUrl(run.DagId, start.Run.Value.RunId);
        return JsonResponse.Accepted(new RunStartedView(start.Run.Value.RunId, url), url);
    }

    /// <summary>
    /// A running run is changed in place: its orchestration ends the node's wait with the mark and
    /// goes on. Only a waiting node can be marked so; one running an activity or already ended cannot.
    /// </summary>
    private async Task<IResult> MarkWaitingAsync(ApiCall call, RunRecord run, NodeMarkEvent mark)
    {
        var record = (await registry.Store.GetNodeAsync(run.DagId, run.RunId, new NodeInstance(mark.NodeId, null), call.Cancellation).ConfigureAwait(false))?.Value;
        var nodeState = record?.State ?? NodeState.Pending;
        if (nodeState != NodeState.Waiting)
        {
            throw new ApiProblemException(ApiProblem.Conflict(
                $"Node '{mark.NodeId}' of running run '{run.RunId}' is {WireNames.Of(nodeState)}",
                "In a running run only a waiting node (an approval, a sensor or job between polls, a wait, a child run) can be marked. Mark it once the run has ended, or cancel the run first."));
        }

        if (!await launcher.MarkWaitingNodeAsync(run.DagId, run.RunId, mark, call.Cancellation).ConfigureAwait(false))
        {
            throw new ApiProblemException(ApiProblem.Conflict($"Run '{run.RunId}' has ended", "Mark the node again: a node of an ended run is marked in a new run."));
        }

        var url = RunViewMapper.StatusUrl(run.DagId, run.RunId);
        return JsonResponse.Accepted(new RunStartedView(run.RunId, url), url);
    }

    private static (NodeState State, string? Reason) Read(JsonObject body)
    {
        var errors = new List<ProblemError>();
        NodeState? state = null;
        string? reason = null;
        foreach (var (name, value) in body)
        {
            var text = value?.GetValueKind() == JsonValueKind.String ? (string?)value : null;
            switch (name)
            {
                case "state" when text is "succeeded" or "failed":
                    state = text == "succeeded" ? NodeState.Succeeded : NodeState.Failed;
                    break;
                case "state":
                    errors.Add(ProblemError.At(name, "expected \"succeeded\" or \"failed\""));
                    break;
                case "reason" when text is { Length: <= MaxReasonLength }:
                    reason = text;
                    break;
                case "reason":
                    errors.Add(ProblemError.At(name, $"expected text of at most {MaxReasonLength} characters"));
                    break;
                default:
                    errors.Add(ProblemError.At(name, $"'{name}' is not a field of a mark; use state, reason"));
                    break;
            }
        }

        if (!body.ContainsKey("state"))
        {
            errors.Add(ProblemError.At("state", "is required"));
        }

        return errors.Count > 0 || state is null
            ? throw new ApiProblemException(ApiProblem.InvalidRequest("The mark request is not valid", errors))
            : (state.Value, reason);
    }
}
