using DurableDags.Api.Hosting;
using DurableDags.Api.Routing;
using DurableDags.Api.Scheduling;
using DurableDags.Api.Security;
using DurableDags.Engine;
using DurableDags.Engine.Activities;
using DurableDags.Engine.Runs;
using DurableDags.Storage.Folder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableDags.Api.Tests.Hosting;

public sealed class DurableFunctionsServicesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"dd-fn-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_app_gets_the_api_the_scheduler_tick_and_the_activities_on_per_call_orchestrations_and_no_engine_or_loop()
    {
        await using var services = Build(("DurableDags:Engine:HistoryEventBudget", "700"), ("DurableDags:Scheduler:MaxRunsPerTick", "3"));

        Assert.NotNull(services.GetRequiredService<ApiDispatcher>());
        Assert.NotNull(services.GetRequiredService<SchedulerTick>());
        Assert.NotNull(services.GetRequiredService<RunNodeStepActivity>());
        Assert.IsType<RunLauncher>(services.GetRequiredService<IRunLauncher>());
        Assert.IsType<AmbientRunOrchestrations>(services.GetRequiredService<IRunOrchestrations>());
        Assert.Equal(700, services.GetRequiredService<DurableDagsEngineOptions>().HistoryEventBudget);
        Assert.Equal(3, services.GetRequiredService<SchedulerOptions>().MaxRunsPerTick);
        Assert.Empty(services.GetServices<IHostedService>());
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    public async Task Roles_come_from_easy_auth_and_the_principal_is_required_only_when_set(string? setting, bool required)
    {
        await using var services = Build((DurableFunctionsServices.RequirePrincipalKey, setting));

        var roles = Assert.IsType<EasyAuthRolesSource>(services.GetRequiredService<IRolesSource>());
        Assert.Equal(required, roles.RequirePrincipal);
    }

    private ServiceProvider Build(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddDurableDagsForDurableFunctions(configuration, new FolderObjectStore(_folder))
            .BuildServiceProvider();
    }
}
