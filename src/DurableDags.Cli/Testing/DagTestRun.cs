using System.Text.Json;
using DurableDags.Core.States;
using DurableDags.Storage.Nodes;

namespace DurableDags.Cli.Testing;

/// <summary>How one test's run ended: its state, every node with its output, every request sent, and what went wrong around it.</summary>
internal sealed record DagTestRun
{
    public RunState? State { get; init; }

    public string? Error { get; init; }

    public IReadOnlyList<NodeRecord> Nodes { get; init; } = [];

    public IReadOnlyDictionary<NodeInstance, JsonElement?> Outputs { get; init; } = new Dictionary<NodeInstance, JsonElement?>();

    public IReadOnlyList<RecordedRequest> Requests { get; init; } = [];

    public IReadOnlyList<RecordedRequest> Unmatched { get; init; } = [];

    /// <summary>Problems of the run itself: stuck waiting for nothing, or past the real-time limit.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>How far the test's clock moved: the run's duration as the DAG saw it.</summary>
    public TimeSpan VirtualDuration { get; init; }
}
