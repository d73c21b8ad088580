using System.CommandLine;
using DurableDags.Api.Hosting;
using DurableDags.Api.Security;
using DurableDags.Engine.Operators.Http.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableDags.Cli.Commands;

/// <summary>
/// <c>dags serve [--dags DIR] [--store DIR | --storage CONNECTION] [--urls URL]</c>: loads the DAG
/// files of DIR into the registry, then serves the HTTP API, runs the scheduler and resumes
/// unfinished runs until stopped (Ctrl+C). See docs/server.md.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var dags = new Option<string>("--dags")
        {
            Description = "Folder of DAG files (*.yaml, *.yml, *.json) loaded into the registry at start.",
            DefaultValueFactory = _ => "examples/dags",
        };
        var store = new Option<string>("--store")
        {
            Description = "Folder of the local store.",
            DefaultValueFactory = _ => ".store",
        };
        var storage = new Option<string?>("--storage")
        {
            Description = "Azure Blob Storage instead of a folder: a connection string, or an https:// account URL (signs in with DefaultAzureCredential).",
        };
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, separated by ';'. Without API keys only loopback is allowed.",
            DefaultValueFactory = _ => ServerOptions.DefaultUrls,
        };
        var command = new Command("serve", "Serve the HTTP API, run the scheduler and the DAG runs.") { dags, store, storage, urls };
        command.Validators.Add(result =>
        {
            if (result.GetResult(store) is { Implicit: false } && result.GetValue(storage) is not null)
            {
                result.AddError("--store and --storage cannot be used together: pick the folder store or Blob Storage.");
            }
        });
        command.SetAction((parsed, cancellationToken) => RunAsync(
            new ServerOptions
            {
                DagsFolder = parsed.GetValue(dags),
                StoreFolder = parsed.GetValue(store)!,
                StorageConnection = parsed.GetValue(storage),
                Urls = parsed.GetValue(urls)!,
                ConfigurationArgs = [.. parsed.UnmatchedTokens],
            },
            parsed.InvocationConfiguration.Output,
            parsed.InvocationConfiguration.Error,
            cancellationToken));
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }

    internal static async Task<int> RunAsync(ServerOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = await DurableDagsServer.BuildAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            await error.WriteLineAsync($"dags serve: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        await using (app.ConfigureAwait(false))
        {
            DagFolderWatcher? watcher = null;
            if (options.DagsFolder is { } folder)
            {
                var report = await app.Services.GetRequiredService<DagFolderImporter>().ImportAsync(folder, cancellationToken).ConfigureAwait(false);
                foreach (var entry in report.Loaded)
                {
                    await output.WriteLineAsync($"loaded {entry}").ConfigureAwait(false);
                }

                foreach (var diagnostic in report.Errors)
                {
                    await error.WriteLineAsync($"skipped {diagnostic}").ConfigureAwait(false);
                }

                // Saved files are live in seconds; a broken one is an import error (GET /api/import-errors).
                if (Directory.Exists(folder))
                {
                    watcher = new DagFolderWatcher(folder, app.Services.GetRequiredService<DagFolderImporter>(), TimeProvider.System,
                        app.Services.GetRequiredService<ILogger<DagFolderWatcher>>());
                }
            }

            try
            {
                await DurableDagsServer.StartAsync(app, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                await error.WriteLineAsync($"dags serve: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (app.Services.GetRequiredService<ApiKeyRolesSource>() is { IsOpen: true })
            {
                // Said only now that the addresses bound were checked.
                await output.WriteLineAsync(
                    $"No API keys are configured ({ApiKeyRolesSource.Section}): listening on loopback only, and every caller holds every role.").ConfigureAwait(false);
            }

            var outbound = app.Services.GetRequiredService<OutboundPolicy>();
            foreach (var url in app.Urls)
            {
                // Nodes must not call this server's own API (a Trigger-role caller could steer them there).
                outbound.AddOwnUrl(url);
                await output.WriteLineAsync($"serving the API on {url}/api (OpenAPI: {url}/api/openapi.json)").ConfigureAwait(false);
            }

            using (watcher)
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }
    }
}
