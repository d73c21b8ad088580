using System.CommandLine;
using DurableDags.Cli.Commands;

namespace DurableDags.Cli.Remote;

/// <summary><c>dags logs DAG/RUNID NODE [--attempt N] [--index I]</c>: prints an attempt's log (the latest by default).</summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "The run, as DAG/RUNID." };
        var node = new Argument<string>("NODE") { Description = "The node id." };
        var attempt = new Option<int?>("--attempt") { Description = "The attempt (default: the latest)." };
        var index = new Option<int?>("--index") { Description = "The map item of a foreach node." };
        var server = RemoteCall.ServerOption();
        var command = new Command("logs", "Print a node attempt's log.") { run, node, attempt, index, server };
        command.SetAction(async (parsed, ct) =>
        {
            var error = parsed.InvocationConfiguration.Error;
            if (RemoteCall.ParseRun(parsed.GetRequiredValue(run)) is not { } id)
            {
                await error.WriteLineAsync("dags logs: write the run as DAG/RUNID").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var query = string.Join('&', new[] { parsed.GetValue(attempt) is { } a ? $"attempt={a}" : null, parsed.GetValue(index) is { } i ? $"index={i}" : null }.OfType<string>());
            return await RemoteCall.RunAsync("logs", parsed.GetValue(server), error, async client =>
            {
                var path = $"api/dags/{RemoteCall.Escape(id.DagId)}/runs/{RemoteCall.Escape(id.RunId)}/nodes/{RemoteCall.Escape(parsed.GetRequiredValue(node))}/logs";
                await parsed.InvocationConfiguration.Output.WriteAsync(await client.GetTextAsync(query.Length == 0 ? path : $"{path}?{query}", ct).ConfigureAwait(false)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }).ConfigureAwait(false);
        });
        return command;
    }
}
