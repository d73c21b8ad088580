using System.CommandLine;
using DurableDags.Cli.Commands;

namespace DurableDags.Cli.Remote;

/// <summary><c>dags status DAG/RUNID</c>: the run's state and each node's; exit 0 when it succeeded, 1 otherwise (still going included).</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "The run, as DAG/RUNID." };
        var server = RemoteCall.ServerOption();
        var command = new Command("status", "Show a run's state and its nodes'.") { run, server };
        command.SetAction(async (parsed, ct) =>
        {
            if (RemoteCall.ParseRun(parsed.GetRequiredValue(run)) is not { } id)
            {
                await parsed.InvocationConfiguration.Error.WriteLineAsync("dags status: write the run as DAG/RUNID").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await RemoteCall.RunAsync("status", parsed.GetValue(server), parsed.InvocationConfiguration.Error, async client =>
            {
                var body = await client.GetAsync($"api/dags/{RemoteCall.Escape(id.DagId)}/runs/{RemoteCall.Escape(id.RunId)}", ct).ConfigureAwait(false);
                await RunWatcher.WriteAsync(body, parsed.InvocationConfiguration.Output).ConfigureAwait(false);
                return body.GetProperty("state").GetString() == "succeeded" ? ExitCodes.Ok : ExitCodes.Failed;
            }).ConfigureAwait(false);
        });
        return command;
    }
}
