using DurableDags.Engine.Activities;
using DurableDags.Engine.Embedded;
using DurableDags.Engine.Runs;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Objects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DurableDags.Engine.Tests.Hosting;

public sealed class EngineServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"dd-hosting-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_runtime_alone_has_the_activities_and_a_launcher_on_the_hosts_orchestrations_but_no_embedded_engine()
    {
        await using var services = new ServiceCollection()
            .AddSingleton<IObjectStore>(new FolderObjectStore(_folder))
            .AddSingleton<IRunOrchestrations, AmbientRunOrchestrations>()
            .AddDurableDagsRuntime(o => o.HistoryEventBudget = 500)
            .BuildServiceProvider();

        Assert.NotNull(services.GetRequiredService<LoadDagVersionActivity>());
        Assert.NotNull(services.GetRequiredService<ResolveNodeActivity>());
        Assert.NotNull(services.GetRequiredService<RunNodeStepActivity>());
        Assert.NotNull(services.GetRequiredService<RecordNodeStatesActivity>());
        Assert.NotNull(services.GetRequiredService<FinalizeRunActivity>());
        Assert.Equal(typeof(RunLauncher), services.GetRequiredService<IRunLauncher>().GetType());
        Assert.Equal(500, services.GetRequiredService<DurableDagsEngineOptions>().HistoryEventBudget);
        Assert.Null(services.GetService<EmbeddedOrchestrationEngine>());
        Assert.Empty(services.GetServices<IHostedService>());
    }

    [Fact]
    public async Task The_embedded_engine_launches_runs_through_its_own_launcher()
    {
        await using var services = new ServiceCollection()
            .AddSingleton<IObjectStore>(new FolderObjectStore(_folder))
            .AddDurableDagsEngine()
            .BuildServiceProvider();

        var launcher = services.GetRequiredService<EmbeddedRunLauncher>();
        Assert.Same(launcher, services.GetRequiredService<IRunLauncher>());
        Assert.Same(launcher, services.GetRequiredService<RunLauncher>());
        Assert.Single(services.GetServices<IHostedService>());
    }
}
