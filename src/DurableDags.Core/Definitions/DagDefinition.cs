using System.Collections.Frozen;
using System.Collections.Immutable;
using DurableDags.Core.Alerts;
using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Definitions;

/// <summary>A whole DAG, immutable once loaded and validated.</summary>
public sealed record DagDefinition
{
    private readonly ImmutableArray<NodeDefinition> _nodes = [];
    private FrozenDictionary<string, int> _index = FrozenDictionary<string, int>.Empty;

    public required string Id { get; init; }

    public string? Description { get; init; }

    /// <summary>NCRONTAB (6 fields), cron (5 fields) or an @ macro; null for manual-only DAGs.</summary>
    public string? Schedule { get; init; }

    /// <summary>IANA zone the schedule is read in.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>First logical date a schedule may produce.</summary>
    public DateTimeOffset? Start { get; init; }

    public bool Catchup { get; init; }

    public int MaxActiveRuns { get; init; } = 16;

    public int MaxParallelNodes { get; init; } = 16;

    public ImmutableArray<ParamDefinition> Params { get; init; } = [];

    public NodePolicy Defaults { get; init; } = NodePolicy.Default;

    /// <summary>Who is told when the run or a node fails, retries or succeeds; see docs/alerts.md.</summary>
    public AlertRules Alerts { get; init; } = AlertRules.None;

    /// <summary>When the run should have ended; missing it alerts, and fails nothing.</summary>
    public Deadline? Deadline { get; init; }

    /// <summary>Nodes in the order the file lists them.</summary>
    public ImmutableArray<NodeDefinition> Nodes
    {
        get => _nodes;
        init
        {
            _nodes = value;
            _index = value.Select((n, i) => (n.Id, i)).ToFrozenDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        }
    }

    /// <summary>The file it came from, as given to the loader; used in every message.</summary>
    public string SourceFile { get; init; } = "<memory>";

    public SourceLocation Location { get; init; }

    public NodeDefinition? FindNode(string id) => _index.TryGetValue(id, out var i) ? _nodes[i] : null;

    /// <summary>Position of a node in <see cref="Nodes"/>, or -1.</summary>
    public int IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : -1;
}
