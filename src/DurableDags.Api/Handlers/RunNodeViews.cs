using System.Globalization;
using System.Text.Json;
using DurableDags.Api.Requests;
using DurableDags.Api.Views;
using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;
using DurableDags.Core.States;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Runs;

namespace DurableDags.Api.Handlers;

/// <summary>
/// Every node of a run's DAG version, in the order the file lists them, with its state, attempts
/// and output; nodes with no record yet are <c>pending</c>. Mapped nodes carry their instances.
/// </summary>
public sealed class RunNodeViews(ICheckpointStore store, ApiOptions options)
{
    private const int ReadParallelism = 16;

    public async Task<IReadOnlyList<NodeRunView>> BuildAsync(RunRecord run, DagDefinition dag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(dag);
        var records = await store.ListNodesAsync(run.DagId, run.RunId, cancellationToken).ConfigureAwait(false);
        var attempts = new Dictionary<NodeInstance, IReadOnlyList<AttemptRecord>>();
        await Parallel.ForEachAsync(
            records.Where(r => r.Attempts > 0),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
            async (record, ct) =>
            {
                var list = await store.ListAttemptsAsync(record, ct).ConfigureAwait(false);
                lock (attempts)
                {
                    attempts[record.Instance] = list;
                }
            }).ConfigureAwait(false);

        var byNode = records.ToLookup(r => r.NodeId, StringComparer.Ordinal);
        return [.. dag.Nodes.Select(node => NodeView(run, node, byNode[node.Id].ToList(), attempts))];
    }

    private NodeRunView NodeView(RunRecord run, NodeDefinition node, List<NodeRecord> records, Dictionary<NodeInstance, IReadOnlyList<AttemptRecord>> attempts)
    {
        var whole = records.Find(r => r.MapIndex is null);
        var view = whole is null ? new NodeRunView { NodeId = node.Id, State = WireNames.Of(NodeState.Pending), MaxAttempts = node.Policy.MaxAttempts } : View(run, whole, attempts, node.Policy);
        if (!node.IsMapped)
        {
            return view;
        }

        return view with
        {
            Instances = [.. records.Where(r => r.MapIndex is not null).OrderBy(r => r.MapIndex)
                .Select(r => View(run, r, attempts, node.Policy) with { Item = whole?.Items is { } items && r.MapIndex < items.Count ? items[r.MapIndex.Value] : null })],
        };
    }

    private NodeRunView View(RunRecord run, NodeRecord record, Dictionary<NodeInstance, IReadOnlyList<AttemptRecord>> attempts, NodePolicy policy)
    {
        var inline = record.Output is not null && (record.OutputSize ?? 0) <= options.MaxInlineOutputBytes;
        var hasOutput = record.Output is not null || record.OutputRef is not null;
        return new NodeRunView
        {
            NodeId = record.NodeId,
            Index = record.MapIndex,
            State = WireNames.Of(record.State),
            Attempts = record.Attempts,
            MaxAttempts = policy.MaxAttempts,
            NextAttemptAt = NextAttemptAt(record, policy),
            StartedAt = record.StartedAt,
            EndedAt = record.EndedAt,
            DurationMs = record is { StartedAt: { } s, EndedAt: { } e } ? (long)(e - s).TotalMilliseconds : null,
            Error = record.Error,
            Output = inline ? record.Output : null,
            OutputUrl = hasOutput && !inline ? OutputUrl(run, record) : null,
            AttemptList = attempts.TryGetValue(record.Instance, out var list)
                ? [.. list.OrderBy(a => a.Attempt).Select(a => new AttemptView(a.Attempt, WireNames.Of(a.State), a.StartedAt, a.EndedAt, a.Error))]
                : [],
            Wait = WaitOf(record),
            Mark = record.Mark is { } mark ? new NodeMarkView(WireNames.Of(mark.State), mark.Reason, mark.By, mark.At) : null,
        };
    }

    /// <summary>
    /// When an up-for-retry node's next attempt starts: the planner's due time, the failed
    /// attempt's end plus the policy's delay after it (RetryDelays), computed here since the
    /// record keeps the end and the DAG version keeps the policy.
    /// </summary>
    private static DateTimeOffset? NextAttemptAt(NodeRecord record, NodePolicy policy) =>
        record is { State: NodeState.UpForRetry, Attempts: > 0, LatestAttempt.EndedAt: { } ended }
            ? ended + RetryDelays.After(policy, record.Attempts)
            : null;

    private static WaitView? WaitOf(NodeRecord record)
    {
        if (record.Wait is not { ValueKind: JsonValueKind.Object } wait)
        {
            return null;
        }

        string? Text(string name) => wait.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var deadline = DateTimeOffset.TryParse(Text("deadline"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
        var approvers = wait.TryGetProperty("approvers", out var a) && a.ValueKind != JsonValueKind.Null ? a : (JsonElement?)null;
        var decision = record.Decision is { } d ? new DecisionView(d.Event, d.By, d.At, d.Approved, d.Reason) : null;
        return new WaitView(Text("event"), Text("message"), approvers, deadline, decision);
    }

    private static string OutputUrl(RunRecord run, NodeRecord record) =>
        $"{RunViewMapper.StatusUrl(run.DagId, run.RunId)}/nodes/{record.NodeId}/output" + (record.MapIndex is { } i ? $"?index={i}" : string.Empty);
}
