using System.CommandLine;
using DurableDags.Api.Files;
using DurableDags.Cli.Commands;
using DurableDags.Core.Operators;

namespace DurableDags.Cli.Remote;

/// <summary>
/// <c>dags push PATH... [--server URL]</c>: validates every DAG file as <c>dags validate</c> does
/// and uploads nothing if one is invalid; then PUTs each and prints its id, version and whether
/// the version is new or unchanged.
/// </summary>
internal static class PushCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "DAG files, or folders of them.", Arity = ArgumentArity.OneOrMore };
        var server = RemoteCall.ServerOption();
        var command = new Command("push", "Validate DAG files, then upload each to the server as a new version.") { paths, server };
        command.SetAction((parsed, ct) => RunAsync(parsed.GetRequiredValue(paths), parsed.GetValue(server),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, ct));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, string? server, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var (found, usage) = DagPaths.Expand(paths);
        if (usage is not null)
        {
            await error.WriteLineAsync($"dags push: {usage}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var files = DuplicateDagIds.Check(DagFile.LoadAll(found, OperatorCatalog.BuiltIn, ct));
        if (files.Any(f => !f.IsValid))
        {
            foreach (var diagnostic in files.SelectMany(f => f.Diagnostics))
            {
                await error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            await error.WriteLineAsync("dags push: nothing was uploaded; fix the errors above first").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        return await RemoteCall.RunAsync("push", server, error, async client =>
        {
            foreach (var file in files)
            {
                var id = file.Result.Dag!.Id;
                var type = Path.GetExtension(file.Path).Equals(".json", StringComparison.OrdinalIgnoreCase) ? "application/json" : "application/yaml";
                var (body, _) = await client.PutTextAsync($"api/dags/{RemoteCall.Escape(id)}", file.Source!, type, ct).ConfigureAwait(false);
                var created = body.TryGetProperty("created", out var c) && c.GetBoolean();
                await output.WriteLineAsync($"{id} version {body.GetProperty("version").GetInt32()} ({(created ? "new" : "unchanged")}) from {file.Path}").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }).ConfigureAwait(false);
    }
}
