using System.CommandLine;
using DurableDags.Api.Demo;
using DurableDags.Api.Hosting;
using DurableDags.Api.Security;
using DurableDags.Engine.Activities;
using DurableDags.Engine.Operators.Http.Outbound;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
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
        var demo = new Option<bool>("--demo")
        {
            Description = "Also serve the demo services the example DAGs call (on a loopback port of their own), as vars.demoUrl.",
        };
        var command = new Command("serve", "Serve the HTTP API, run the scheduler and the DAG runs.") { dags, store, storage, urls, demo };
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
                Demo = parsed.GetValue(demo),
            },
            parsed.InvocationConfiguration.Output,
            parsed.InvocationConfiguration.Error,
            cancellationToken));
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }

    internal static async Task<int> RunAsync(ServerOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (PortCheck.FirstInUse(options.Urls) is { } busy)
        {
            // One line, before anything starts: Kestrel would log its failure with a stack trace.
            await error.WriteLineAsync(PortCheck.Message(busy)).ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        DemoService? demo = null;
        try
        {
            WebApplication app;
            try
            {
                if (options.Demo)
                {
                    demo = await DemoService.StartAsync(DemoOptions.FromConfiguration(new ConfigurationBuilder()
                        .AddEnvironmentVariables().AddCommandLine([.. options.ConfigurationArgs]).Build()), cancellationToken).ConfigureAwait(false);
                    // First, so a demoUrl the user sets (--DurableDags:Vars:demoUrl=…) still wins.
                    options = options with { ConfigurationArgs = [$"--{EngineVariables.Section}:demoUrl={demo.BaseUrl}", .. options.ConfigurationArgs] };
                }

                app = await DurableDagsServer.BuildAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                await error.WriteLineAsync($"dags serve: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await ServeAsync(app, options, output, error, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // However the server ends, or fails to start, the demo services go with it.
            if (demo is not null)
            {
                await demo.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> ServeAsync(WebApplication app, ServerOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
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
            catch (IOException e) when (e.InnerException is AddressInUseException)
            {
                // Taken between the check above and the bind.
                await error.WriteLineAsync(PortCheck.Message(PortCheck.FirstInUse(options.Urls) ?? options.Urls)).ConfigureAwait(false);
                return ExitCodes.Failed;
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

            if (app.Configuration[$"{EngineVariables.Section}:demoUrl"] is { } demoUrl && options.Demo)
            {
                await output.WriteLineAsync($"demo services for the examples on {demoUrl} (vars.demoUrl; messages sent land in {demoUrl}/inbox)").ConfigureAwait(false);
            }

            if (app.Urls.FirstOrDefault() is { } first)
            {
                await output.WriteLineAsync($"DurableDags is running: UI {first}/ , API {first}/api (Ctrl+C stops it)").ConfigureAwait(false);
            }

            using (watcher)
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }
    }
}
