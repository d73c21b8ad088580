using System.CommandLine;
using System.Text.Json;
using DurableDags.Cli.Commands;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;

namespace DurableDags.Cli.Remote;

/// <summary>
/// <c>dags approve|reject DAG/RUNID [--node N] [--comment TEXT]</c>: sends the approval event of a
/// waiting <c>approval</c> node (the only one waiting, or <c>--node</c>), with the event name its
/// definition gives. Approve sends <c>{ approved: true, comment }</c>; reject sends
/// <c>{ approved: false, reason }</c>, which fails the node.
/// </summary>
internal static class ApprovalCommand
{
    public static Command Create(bool approve)
    {
        var name = approve ? "approve" : "reject";
        var run = new Argument<string>("RUN") { Description = "The run, as DAG/RUNID." };
        var node = new Option<string?>("--node") { Description = "The approval node, when more than one waits." };
        var comment = new Option<string?>("--comment") { Description = approve ? "A note kept in the node's output." : "Why; the node's error says it." };
        var server = RemoteCall.ServerOption();
        var command = new Command(name, approve ? "Approve a waiting approval node." : "Reject a waiting approval node.") { run, node, comment, server };
        command.SetAction(async (parsed, ct) =>
        {
            var error = parsed.InvocationConfiguration.Error;
            if (RemoteCall.ParseRun(parsed.GetRequiredValue(run)) is not { } id)
            {
                await error.WriteLineAsync($"dags {name}: write the run as DAG/RUNID").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await RemoteCall.RunAsync(name, parsed.GetValue(server), error, async client =>
            {
                var runPath = $"api/dags/{RemoteCall.Escape(id.DagId)}/runs/{RemoteCall.Escape(id.RunId)}";
                var (target, eventName, problem) = await FindAsync(client, id.DagId, runPath, parsed.GetValue(node), ct).ConfigureAwait(false);
                if (problem is not null)
                {
                    await error.WriteLineAsync($"dags {name}: {problem}").ConfigureAwait(false);
                    return ExitCodes.Failed;
                }

                object payload = approve
                    ? new { approved = true, comment = parsed.GetValue(comment) }
                    : new { approved = false, reason = parsed.GetValue(comment) ?? "rejected" };
                await client.PostAsync($"{runPath}/events/{RemoteCall.Escape(eventName!)}", payload, ct).ConfigureAwait(false);
                await parsed.InvocationConfiguration.Output.WriteLineAsync($"{(approve ? "approved" : "rejected")} node '{target}' of {id.DagId}/{id.RunId} (event '{eventName}')").ConfigureAwait(false);
                return ExitCodes.Ok;
            }).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The waiting approval node and its event, read from the run's DAG version; or why there is none.</summary>
    private static async Task<(string? Node, string? Event, string? Problem)> FindAsync(
        ServerClient client, string dagId, string runPath, string? wanted, CancellationToken ct)
    {
        var run = await client.GetAsync(runPath, ct).ConfigureAwait(false);
        var dag = await client.GetAsync($"api/dags/{RemoteCall.Escape(dagId)}", ct).ConfigureAwait(false);
        var definition = DagLoader.Load($"{dagId}.yaml", dag.GetProperty("definition").GetString() ?? "", OperatorCatalog.BuiltIn).Dag;
        var approvals = (definition?.Nodes ?? []).Where(n => n.Type == "approval")
            .ToDictionary(n => n.Id, n => n.With.TryGetProperty("event", out var e) ? e.GetString() : null, StringComparer.Ordinal);
        var waiting = run.GetProperty("nodes").EnumerateArray()
            .Where(n => n.GetProperty("state").GetString() == "waiting" && approvals.ContainsKey(n.GetProperty("nodeId").GetString()!))
            .Select(n => n.GetProperty("nodeId").GetString()!)
            .ToList();
        var target = wanted ?? (waiting.Count == 1 ? waiting[0] : null);
        if (target is null)
        {
            return (null, null, waiting.Count == 0
                ? "no approval node of this run is waiting"
                : $"approval nodes {string.Join(", ", waiting)} are waiting; pick one with --node");
        }

        if (!waiting.Contains(target))
        {
            return (null, null, $"node '{target}' is not an approval node waiting in this run{(waiting.Count > 0 ? $"; waiting: {string.Join(", ", waiting)}" : "")}");
        }

        return approvals[target] is { } name && !name.Contains("${{", StringComparison.Ordinal)
            ? (target, name, null)
            : (null, null, $"node '{target}' names its event with an expression; send it with POST {runPath}/events/NAME");
    }
}
