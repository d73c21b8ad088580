using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Cli.Commands;
using DurableDags.Cli.Runs;

namespace DurableDags.Cli.Remote;

/// <summary>
/// <c>dags trigger ID [-p name=value]... [--wait]</c>: starts a run on the server. With
/// <c>--wait</c>, prints each node state change until the run ends; exit 0 when it succeeded, 1 otherwise.
/// A value for a <c>string</c> parameter is taken as written; for others, text that reads as JSON keeps its type.
/// </summary>
internal static class TriggerCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The DAG id." };
        var parameters = new Option<string[]>("--param", "-p") { Description = "A run parameter as name=value; repeat for more.", Arity = ArgumentArity.ZeroOrMore };
        var wait = new Option<bool>("--wait") { Description = "Follow the run until it ends; the exit code says how it ended." };
        var server = RemoteCall.ServerOption();
        var command = new Command("trigger", "Start a run on the server, and optionally follow it.") { id, parameters, wait, server };
        command.SetAction((parsed, ct) => RemoteCall.RunAsync("trigger", parsed.GetValue(server), parsed.InvocationConfiguration.Error, async client =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var dagPath = $"api/dags/{RemoteCall.Escape(parsed.GetRequiredValue(id))}";
            var given = await ParamsAsync(client, dagPath, parsed.GetValue(parameters) ?? [], ct).ConfigureAwait(false);
            if (given is null)
            {
                await parsed.InvocationConfiguration.Error.WriteLineAsync("dags trigger: write each parameter as -p name=value").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var started = await client.PostAsync($"{dagPath}/runs", new { @params = given }, ct).ConfigureAwait(false);
            var runId = started.GetProperty("runId").GetString()!;
            await output.WriteLineAsync($"run {parsed.GetRequiredValue(id)}/{runId} started").ConfigureAwait(false);
            if (!parsed.GetValue(wait))
            {
                return ExitCodes.Ok;
            }

            var run = await RunWatcher.FollowAsync(client, $"{dagPath}/runs/{RemoteCall.Escape(runId)}", output, ct).ConfigureAwait(false);
            await RunWatcher.WriteAsync(run, output).ConfigureAwait(false);
            return run.GetProperty("state").GetString() == "succeeded" ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }

    /// <summary>The parameters typed by the DAG's declarations on the server; null when one is not name=value.</summary>
    private static async Task<JsonObject?> ParamsAsync(ServerClient client, string dagPath, string[] arguments, CancellationToken ct)
    {
        var given = new JsonObject();
        if (arguments.Length == 0)
        {
            return given;
        }

        var dag = await client.GetAsync(dagPath, ct).ConfigureAwait(false);
        var strings = dag.TryGetProperty("params", out var declared) && declared.ValueKind == JsonValueKind.Array
            ? declared.EnumerateArray().Where(p => p.GetProperty("type").GetString() == "string").Select(p => p.GetProperty("name").GetString()).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var argument in arguments)
        {
            var split = argument.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                return null;
            }

            var (name, text) = (argument[..split], argument[(split + 1)..]);
            given[name] = strings.Contains(name) ? JsonValue.Create(text) : RunParameters.Parse(text);
        }

        return given;
    }
}
