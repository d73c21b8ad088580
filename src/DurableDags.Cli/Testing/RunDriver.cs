using System.Diagnostics;
using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.States;
using DurableDags.Core.Testing;
using DurableDags.Engine.Runs;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;

namespace DurableDags.Cli.Testing;

/// <summary>
/// Moves a test's run to its end: whenever the engine is idle, it sends the test's event to a
/// node waiting for one, else moves the clock to the next timer. A run that waits for nothing
/// the test can give, or outlasts <see cref="DagTestHarness.RealTimeLimit"/>, is cancelled and reported.
/// </summary>
internal sealed class RunDriver(
    DagDefinition dag, DagTestCase test, string runId, VirtualClock clock, ActivityMonitor monitor, EngineTracker tracker, ICheckpointStore store, EmbeddedRunLauncher launcher)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Still this long with no timer left, the run is taken as stuck. Long: on a loaded CI machine
    /// a run's first turn (JIT, first store writes) can be silent for seconds. Idleness itself is
    /// never judged by a quiet spell: half a second of it, taken as idle while an http step was
    /// still starting, once moved the clock to the node's timeout and sent its request twice.
    /// </summary>
    private static readonly TimeSpan StuckQuiet = TimeSpan.FromSeconds(10);
    private readonly HashSet<string> _sent = new(StringComparer.Ordinal);

    /// <returns>The problems met; empty when the run ended by itself.</returns>
    public async Task<IReadOnlyList<string>> DriveAsync(Task<DagRunResult> finished, CancellationToken cancellationToken)
    {
        var real = Stopwatch.StartNew();
        var problems = new List<string>();
        while (!finished.IsCompleted)
        {
            if (real.Elapsed > DagTestHarness.RealTimeLimit)
            {
                problems.Add($"the run was still going after {DagTestHarness.RealTimeLimit.TotalSeconds:F0}s of real time; it was cancelled");
                return await CancelAsync(finished, problems, cancellationToken).ConfigureAwait(false);
            }

            await Task.WhenAny(finished, Task.Delay(Poll, cancellationToken)).ConfigureAwait(false);
            if (finished.IsCompleted || !monitor.IsQuiet || !tracker.IsIdle(clock.Asleep))
            {
                continue;
            }

            if (await SendEventsAsync(cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            if (clock.NextDue is { } due)
            {
                clock.AdvanceTo(due);
                continue;
            }

            if (!monitor.QuietFor(StuckQuiet))
            {
                continue;
            }

            problems.Add(await StuckAsync(cancellationToken).ConfigureAwait(false));
            return await CancelAsync(finished, problems, cancellationToken).ConfigureAwait(false);
        }

        await finished.ConfigureAwait(false);
        return problems;
    }

    /// <summary>Sends each event the test gives to its node once the node waits; true when one was sent.</summary>
    private async Task<bool> SendEventsAsync(CancellationToken cancellationToken)
    {
        if (test.Events.IsEmpty)
        {
            return false;
        }

        var sent = false;
        foreach (var node in await store.ListNodesAsync(dag.Id, runId, cancellationToken).ConfigureAwait(false))
        {
            if (node.State == NodeState.Waiting && test.Events.FirstOrDefault(e => e.Node == node.NodeId) is { } canned
                && EventNameOf(node.NodeId) is { } name && _sent.Add(node.Instance.ToString()))
            {
                sent |= await launcher.RaiseEventAsync(dag.Id, runId, name, canned.Payload, cancellationToken).ConfigureAwait(false);
            }
        }

        return sent;
    }

    private string? EventNameOf(string nodeId) =>
        dag.Nodes.FirstOrDefault(n => n.Id == nodeId)?.With is { ValueKind: JsonValueKind.Object } with
        && with.TryGetProperty("event", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;

    private async Task<string> StuckAsync(CancellationToken cancellationToken)
    {
        var waiting = (await store.ListNodesAsync(dag.Id, runId, cancellationToken).ConfigureAwait(false))
            .Where(n => n.State == NodeState.Waiting)
            .Select(n => $"'{n.Instance}'")
            .ToList();
        return waiting.Count == 0
            ? "the run stopped moving with no timer left to fire; it was cancelled"
            : $"the run waits for an event no test gives (nodes {string.Join(", ", waiting)}) and has no timer left; add the payload under 'events' of test '{test.Name}'";
    }

    private async Task<IReadOnlyList<string>> CancelAsync(Task<DagRunResult> finished, List<string> problems, CancellationToken cancellationToken)
    {
        await launcher.CancelRunAsync(dag.Id, runId, cancellationToken).ConfigureAwait(false);
        var real = Stopwatch.StartNew();
        while (!finished.IsCompleted && real.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.WhenAny(finished, Task.Delay(Poll, cancellationToken)).ConfigureAwait(false);
            if (monitor.IsQuiet && clock.NextDue is { } due)
            {
                clock.AdvanceTo(due);
            }
        }

        return problems;
    }
}
