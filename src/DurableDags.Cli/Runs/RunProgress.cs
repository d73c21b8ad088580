using DurableDags.Core.States;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;
using Spectre.Console;

namespace DurableDags.Cli.Runs;

/// <summary>
/// Shows a run as it goes: one line per node state change and, on a terminal, a progress bar;
/// then a closing table of nodes with state, attempts and duration.
/// </summary>
internal sealed class RunProgress(ICheckpointStore store, string dagId, string runId, int nodeCount, TextWriter output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly Dictionary<NodeInstance, NodeState> _seen = [];

    /// <summary>Reports changes until <paramref name="finished"/> completes.</summary>
    public async Task FollowAsync(Task finished, bool terminal, CancellationToken cancellationToken)
    {
        if (!terminal)
        {
            while (!finished.IsCompleted)
            {
                await ReportAsync(line => output.WriteLine(line), cancellationToken).ConfigureAwait(false);
                await Task.WhenAny(finished, Task.Delay(Interval, cancellationToken)).ConfigureAwait(false);
            }

            await ReportAsync(line => output.WriteLine(line), cancellationToken).ConfigureAwait(false);
            return;
        }

        await AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
        {
            var bar = context.AddTask($"run {Markup.Escape(runId)}", maxValue: nodeCount);
            while (true)
            {
                var done = finished.IsCompleted;
                await ReportAsync(line => AnsiConsole.MarkupLine(Markup.Escape(line)), cancellationToken).ConfigureAwait(false);
                bar.Value = _seen.Count(p => p.Key.MapIndex is null && p.Value.IsFinal());
                if (done)
                {
                    bar.StopTask();
                    return;
                }

                await Task.WhenAny(finished, Task.Delay(Interval, cancellationToken)).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    public async Task WriteTableAsync(CancellationToken cancellationToken)
    {
        var nodes = await store.ListNodesAsync(dagId, runId, cancellationToken).ConfigureAwait(false);
        var table = new Table().AddColumns("node", "state", "attempts", "duration");
        foreach (var node in nodes.OrderBy(n => n.StartedAt ?? DateTimeOffset.MaxValue).ThenBy(n => n.NodeId, StringComparer.Ordinal).ThenBy(n => n.MapIndex))
        {
            var duration = node is { StartedAt: { } start, EndedAt: { } end } ? $"{(end - start).TotalSeconds:F2}s" : "";
            table.AddRow(Markup.Escape(node.Instance.ToString()), WireNames.Of(node.State), $"{node.Attempts}", duration);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        console.Write(table);
    }

    private async Task ReportAsync(Action<string> write, CancellationToken cancellationToken)
    {
        foreach (var node in await store.ListNodesAsync(dagId, runId, cancellationToken).ConfigureAwait(false))
        {
            if (!_seen.TryGetValue(node.Instance, out var last) || last != node.State)
            {
                _seen[node.Instance] = node.State;
                var error = node.Error is null ? "" : $": {node.Error}";
                write($"{node.Instance} {WireNames.Of(node.State)}{error}");
            }
        }
    }
}
