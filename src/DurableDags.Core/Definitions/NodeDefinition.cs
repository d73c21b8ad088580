using System.Collections.Immutable;
using System.Text.Json;
using DurableDags.Core.Alerts;
using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Definitions;

/// <summary>One node of a DAG as written, with defaults applied.</summary>
public sealed record NodeDefinition
{
    public required string Id { get; init; }

    /// <summary>The operator that runs this node (<c>http</c>, <c>noop</c>, a custom one…).</summary>
    public required string Type { get; init; }

    public string? Description { get; init; }

    /// <summary>Direct upstream node ids, in the order written.</summary>
    public ImmutableArray<string> Needs { get; init; } = [];

    /// <summary>The operator's settings; strings inside may hold <c>${{ }}</c> expressions.</summary>
    public JsonElement With { get; init; } = EmptyObject;

    public TriggerRule Trigger { get; init; } = TriggerRule.AllSuccess;

    /// <summary>An expression; false ends the node skipped without running it.</summary>
    public string? If { get; init; }

    /// <summary>An expression giving the list this node is mapped over.</summary>
    public string? Foreach { get; init; }

    public NodePolicy Policy { get; init; } = NodePolicy.Default;

    /// <summary>The node's own <c>alerts</c>, overriding the DAG's kind by kind; null when it has none.</summary>
    public AlertRules? Alerts { get; init; }

    /// <summary>When the node should have ended; missing it alerts, and fails nothing.</summary>
    public Deadline? Deadline { get; init; }

    public SourceLocation Location { get; init; }

    public bool IsMapped => Foreach is not null;

    internal static JsonElement EmptyObject { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}
