using System.Text.Json;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Orchestration.Runs;

/// <summary>
/// Marks by hand (<see cref="DagActivityNames.MarkEvent"/>): a node that waits (an approval, a
/// sensor or job between polls, a wait, a child run) ends with the marked state, and the planner
/// goes on so its downstream nodes run by their trigger rules.
/// </summary>
internal sealed partial class DagRunLoop
{
    private static readonly JsonElement MarkedOutput = JsonSerializer.SerializeToElement(new { marked = true });

    /// <summary>Listens for the next mark; each one heard listens again, as marks may come one by one.</summary>
    private void ListenForMarks()
    {
        // Read as JSON and converted here, with the options the launcher wrote it with, so both hosts' serializers agree.
        var marked = context.WaitForExternalEvent<JsonElement?>(DagActivityNames.MarkEvent, CancellationToken.None);
        _pending.Add(marked, () =>
        {
            _budget.SpendEvent();
            ListenForMarks();
            if (marked.Result is { ValueKind: JsonValueKind.Object } payload
                && payload.Deserialize<NodeMarkEvent>(DagActivityNames.MarkEventJson) is { } mark)
            {
                OnMark(mark);
            }
        });
    }

    /// <summary>A mark for a node that is not waiting (any more) changes nothing: the API answered 409 to those it saw.</summary>
    private void OnMark(NodeMarkEvent mark)
    {
        if (mark.State is not (NodeState.Succeeded or NodeState.Failed) || !_attempts.TryGetValue(new NodeKey(mark.NodeId), out var live)
            || live.Progress.Phase is not (AttemptPhase.Polling or AttemptPhase.AwaitingEvent or AttemptPhase.Sleeping or AttemptPhase.AwaitingChildRun))
        {
            return;
        }

        var child = live.Progress is { Phase: AttemptPhase.AwaitingChildRun, ChildRun: { } waited } ? waited : null;
        Settle(live, mark.State, mark.State == NodeState.Succeeded ? MarkedOutput : null, mark.Error(), mark);
        if (child is not null)
        {
            // Marked, the node no longer owns its child run; left going, nothing would ever cancel it.
            CancelChildren([child]);
        }
    }
}
