using System.CommandLine;
using System.Diagnostics;
using DurableDags.Api.Files;
using DurableDags.Api.Ids;
using DurableDags.Cli.Runs;
using DurableDags.Core.Operators;
using DurableDags.Core.Params;
using DurableDags.Core.States;
using DurableDags.Engine;
using DurableDags.Engine.Runs;
using DurableDags.Storage.Blob;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Objects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Cli.Commands;

/// <summary>
/// <c>dags run FILE [-p name=value]... [--store DIR | --storage CONNECTION]</c>: runs one DAG to
/// the end on the embedded engine, with live progress and a closing table. Exit 0 when the run
/// succeeded, 1 when it failed or was cancelled, 2 for a bad call. Ctrl+C cancels the run cleanly;
/// a second Ctrl+C stops at once (the run resumes on the next <c>dags run</c> on the same store).
/// </summary>
internal static class RunCommand
{
    public const string DefaultStore = ".dags";

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The DAG file to run." };
        var parameters = new Option<string[]>("--param", "-p") { Description = "A run parameter as name=value; repeat for more.", Arity = ArgumentArity.ZeroOrMore };
        var store = new Option<string?>("--store") { Description = $"Folder store for definitions, runs and history (default {DefaultStore})." };
        var storage = new Option<string?>("--storage") { Description = "Azure Blob Storage connection string instead of a folder (UseDevelopmentStorage=true for Azurite)." };
        var command = new Command("run", "Run one DAG locally to the end, with live progress.") { file, parameters, store, storage };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            parsed.GetRequiredValue(file), parsed.GetValue(parameters) ?? [], parsed.GetValue(store), parsed.GetValue(storage),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string path, string[] parameters, string? storeFolder, string? connection,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (storeFolder is not null && connection is not null)
        {
            await error.WriteLineAsync("dags run: give --store or --storage, not both").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"dags run: {path} does not exist").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var loaded = DagFile.Load(path, OperatorCatalog.BuiltIn);
        if (!loaded.IsValid)
        {
            foreach (var diagnostic in loaded.Diagnostics)
            {
                await error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.Failed;
        }

        var dag = loaded.Result.Dag!;
        var now = DateTimeOffset.UtcNow;
        var runId = RunIds.Manual(now);
        var (runParams, paramErrors) = RunParameters.Build(dag, parameters, new RunIdentity(dag.Id, runId, now));
        if (paramErrors.Count > 0)
        {
            foreach (var paramError in paramErrors)
            {
                await error.WriteLineAsync($"dags run: {paramError}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }

        IObjectStore objects = connection is not null
            ? await BlobObjectStore.ConnectAsync(new BlobStoreOptions { ConnectionString = connection }, cancellationToken).ConfigureAwait(false)
            : new FolderObjectStore(Path.GetFullPath(storeFolder ?? DefaultStore));
        await using var services = new ServiceCollection()
            .AddSingleton(objects)
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddEnvironmentVariables().Build())
            .AddDurableDagsEngine()
            .BuildServiceProvider();
        var store = services.GetRequiredService<ICheckpointStore>();
        var launcher = services.GetRequiredService<EmbeddedRunLauncher>();
        await launcher.ResumeAsync(cancellationToken).ConfigureAwait(false);
        // The text that was validated and bound against, not the file read again.
        var put = await store.PutDagAsync(dag.Id, loaded.Source!, Path.GetFileName(path), cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        await launcher.StartRunAsync(
            new RunLaunch { DagId = dag.Id, DagHash = put.Version.Hash, RunId = runId, Params = runParams, LogicalDate = now }, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"run {runId} of {dag.Id} started; Ctrl+C cancels it").ConfigureAwait(false);

        var cancels = 0;
        void OnCancelKey(object? sender, ConsoleCancelEventArgs e)
        {
            // The first Ctrl+C cancels the run and lets it end cleanly; a second one exits at once.
            e.Cancel = Interlocked.Increment(ref cancels) == 1;
            if (e.Cancel)
            {
                error.WriteLine("cancelling the run: no new node starts, waiting nodes end cancelled (Ctrl+C again to stop now)");
                _ = launcher.CancelRunAsync(dag.Id, runId, CancellationToken.None);
            }
        }

        Console.CancelKeyPress += OnCancelKey;
        try
        {
            var finished = launcher.WaitForRunAsync(dag.Id, runId, CancellationToken.None);
            var progress = new RunProgress(store, dag.Id, runId, dag.Nodes.Length, output);
            await progress.FollowAsync(finished, terminal: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected, CancellationToken.None).ConfigureAwait(false);
            var result = await finished.ConfigureAwait(false);
            await progress.WriteTableAsync(CancellationToken.None).ConfigureAwait(false);
            await output.WriteLineAsync($"run {runId} {WireNames.Of(result.State)} in {clock.Elapsed.TotalSeconds:F2}s{(result.Error is null ? "" : $": {result.Error}")}").ConfigureAwait(false);
            return result.State == RunState.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKey;
        }
    }
}
