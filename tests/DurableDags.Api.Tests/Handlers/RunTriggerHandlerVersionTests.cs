using System.Text.Json;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Engine.Runs;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>A trigger runs the version its params were checked against, whatever is stored meanwhile.</summary>
public sealed class RunTriggerHandlerVersionTests : IAsyncLifetime
{
    private CallCounter _counter = null!;
    private ApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _counter = await CallCounter.StartAsync();
        _server = await ApiServer.OnFolderAsync(services => services.AddSingleton<IRunLauncher>(sp =>
            new PutBeforeLaunch(sp.GetRequiredService<EmbeddedRunLauncher>(), sp.GetRequiredService<ICheckpointStore>(), Dag("v2", "team"))));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _counter.DisposeAsync();
    }

    [Fact]
    public async Task A_version_stored_between_the_params_check_and_the_launch_does_not_get_the_run()
    {
        (await _server.PutDagAsync("pinned", Dag("v1", "region"))).Dispose();

        var runId = await _server.TriggerAsync("pinned", """{ "params": { "region": "eu" } }""");
        var run = await _server.WaitForRunAsync("pinned", runId);

        Assert.Equal(2, (await _server.Store.GetDagAsync("pinned"))!.Current.Version);
        Assert.Equal(("succeeded", 1), (run.GetProperty("state").GetString(), run.GetProperty("dagVersion").GetInt32()));
        Assert.Equal("""{"region":"eu"}""", run.GetProperty("params").GetRawText());
        Assert.Equal((1, 0), (_counter.Calls("v1"), _counter.Calls("v2")));
    }

    /// <summary>Each version takes one required param and calls the counter with it.</summary>
    private string Dag(string call, string param) => $$$"""
        id: pinned
        params:
          {{{param}}}: { type: string }
        nodes:
          call: { type: http, with: { url: "{{{_counter.Url(call)}}}", query: { p: "${{ params.{{{param}}} }}" } } }
        """;

    /// <summary>The real launcher, with a new version of the DAG stored just before the first launch: the race, made certain.</summary>
    private sealed class PutBeforeLaunch(EmbeddedRunLauncher inner, ICheckpointStore store, string source) : IRunLauncher
    {
        private int _raced;

        public async Task<RunStart> StartRunAsync(RunLaunch launch, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _raced, 1) == 0)
            {
                await store.PutDagAsync(launch.DagId, source, $"{launch.DagId}.yaml", cancellationToken);
            }

            return await inner.StartRunAsync(launch, cancellationToken);
        }

        public Task<bool> CancelRunAsync(string dagId, string runId, CancellationToken cancellationToken) =>
            inner.CancelRunAsync(dagId, runId, cancellationToken);

        public Task<bool> RaiseEventAsync(string dagId, string runId, string eventName, JsonElement? payload, CancellationToken cancellationToken) =>
            inner.RaiseEventAsync(dagId, runId, eventName, payload, cancellationToken);

        public Task<bool> MarkWaitingNodeAsync(string dagId, string runId, NodeMarkEvent mark, CancellationToken cancellationToken) =>
            inner.MarkWaitingNodeAsync(dagId, runId, mark, cancellationToken);

        public Task<RunStart> RerunAsync(RunRerun rerun, CancellationToken cancellationToken) => inner.RerunAsync(rerun, cancellationToken);
    }
}
