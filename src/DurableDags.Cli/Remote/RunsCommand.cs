using System.CommandLine;
using System.Text.Json;
using DurableDags.Cli.Commands;

namespace DurableDags.Cli.Remote;

/// <summary>
/// <c>dags runs [ID] [--state S] [--limit N]</c>: runs newest first, of one DAG or of all
/// (<c>GET /api/runs</c>; on a server without it, each DAG's runs).
/// </summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("ID") { Description = "Only this DAG's runs.", Arity = ArgumentArity.ZeroOrOne };
        var state = new Option<string?>("--state") { Description = "Only runs in this state (queued, running, succeeded, failed, cancelled)." };
        var limit = new Option<int>("--limit") { Description = "At most this many runs.", DefaultValueFactory = _ => 25 };
        var server = RemoteCall.ServerOption();
        var command = new Command("runs", "List runs on the server, newest first.") { id, state, limit, server };
        command.SetAction((parsed, ct) => RemoteCall.RunAsync("runs", parsed.GetValue(server), parsed.InvocationConfiguration.Error, async client =>
        {
            var filter = parsed.GetValue(state) is { } s ? $"&state={Uri.EscapeDataString(s)}" : "";
            var count = parsed.GetValue(limit);
            var runs = parsed.GetValue(id) is { } dagId
                ? await ListAsync(client, $"api/dags/{RemoteCall.Escape(dagId)}/runs?limit={count}{filter}", ct).ConfigureAwait(false)
                : await AllAsync(client, count, filter, ct).ConfigureAwait(false);
            var output = parsed.InvocationConfiguration.Output;
            foreach (var run in runs.OrderByDescending(r => r.GetProperty("createdAt").GetDateTimeOffset()).Take(count))
            {
                var name = $"{run.GetProperty("dagId").GetString()}/{run.GetProperty("runId").GetString()}";
                await output.WriteLineAsync($"{name,-60} {run.GetProperty("state").GetString(),-10} {run.GetProperty("createdAt").GetDateTimeOffset():u}").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<IReadOnlyList<JsonElement>> AllAsync(ServerClient client, int limit, string filter, CancellationToken ct)
    {
        try
        {
            return await ListAsync(client, $"api/runs?limit={limit}{filter}", ct).ConfigureAwait(false);
        }
        catch (ServerProblem problem) when (problem.Status is 404 or 405)
        {
            // A server from before GET /api/runs: each DAG's runs, merged.
            var dags = await client.GetAsync("api/dags", ct).ConfigureAwait(false);
            var runs = new List<JsonElement>();
            foreach (var dag in dags.GetProperty("dags").EnumerateArray())
            {
                runs.AddRange(await ListAsync(client, $"api/dags/{RemoteCall.Escape(dag.GetProperty("id").GetString()!)}/runs?limit={limit}{filter}", ct).ConfigureAwait(false));
            }

            return runs;
        }
    }

    private static async Task<IReadOnlyList<JsonElement>> ListAsync(ServerClient client, string path, CancellationToken ct)
    {
        var page = await client.GetAsync(path, ct).ConfigureAwait(false);
        return [.. page.GetProperty("runs").EnumerateArray()];
    }
}
