using DurableDags.Engine.Activities;
using DurableDags.Engine.Alerts;
using DurableDags.Engine.Embedded;
using DurableDags.Engine.Embedded.History;
using DurableDags.Engine.Hosting;
using DurableDags.Engine.Operators.Registration;
using DurableDags.Engine.Runs;
using DurableDags.Storage.Alerts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Objects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableDags.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded engine over the host's <see cref="IObjectStore"/> (a folder or Blob
    /// Storage, registered by the host): the runtime (<see cref="AddDurableDagsRuntime"/>), the
    /// in-process orchestration engine that runs the DAG-run orchestrator, <see cref="IRunLauncher"/>
    /// on it, and a hosted service that resumes unfinished runs at start and stops the engine at shutdown.
    /// </summary>
    public static IServiceCollection AddDurableDagsEngine(this IServiceCollection services, Action<DurableDagsEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<EmbeddedRunLauncher>();
        services.TryAddSingleton<RunLauncher>(sp => sp.GetRequiredService<EmbeddedRunLauncher>());
        services.AddDurableDagsRuntime(configure);
        services.TryAddSingleton<IOrchestrationHistoryStore>(sp => new ObjectStoreHistoryStore(sp.GetRequiredService<IObjectStore>()));
        services.TryAddSingleton(sp => new EmbeddedOrchestrationEngine(
            sp.GetRequiredService<IOrchestrationHistoryStore>(),
            DagRunCatalog.Create(sp),
            EngineOptionsOf(sp.GetRequiredService<DurableDagsEngineOptions>()),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<EmbeddedOrchestrationEngine>>()));
        services.AddHostedService<EmbeddedEngineHostedService>();
        return services;
    }

    private static EmbeddedEngineOptions EngineOptionsOf(DurableDagsEngineOptions options)
    {
        var engine = new EmbeddedEngineOptions { MaxConcurrentActivities = options.MaxConcurrentActivities, LeaseDuration = options.LeaseDuration, HistoryWriteDelay = options.HistoryWriteDelay };
        if (!string.IsNullOrWhiteSpace(options.OwnerId))
        {
            engine.OwnerId = options.OwnerId;
        }

        return engine;
    }

    /// <summary>
    /// Registers everything a host needs around the DAG-run orchestrator except the engine that
    /// runs it: the checkpoint store over the host's <see cref="IObjectStore"/> with secrets
    /// redacted, the built-in operators, the activities, reruns and <see cref="IRunLauncher"/>
    /// (a <see cref="RunLauncher"/>). A host without the embedded engine (the Functions app)
    /// registers its own <see cref="IRunOrchestrations"/>.
    /// </summary>
    public static IServiceCollection AddDurableDagsRuntime(this IServiceCollection services, Action<DurableDagsEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new DurableDagsEngineOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDurableDagsOperators();
        services.TryAddSingleton(sp => new EngineSecrets(sp.GetService<IConfiguration>()));
        services.TryAddSingleton(sp => new EngineVariables(sp.GetService<IConfiguration>()));
        services.TryAddSingleton<ICheckpointStore>(sp => new CheckpointStore(sp.GetRequiredService<IObjectStore>(), new CheckpointStoreOptions
        {
            Redactor = sp.GetRequiredService<EngineSecrets>().Redactor,
            Time = sp.GetRequiredService<TimeProvider>(),
        }));
        services.TryAddSingleton<DagVersionCache>();
        services.TryAddSingleton<RunRecordCache>();
        services.TryAddSingleton<NodeScopeBuilder>();
        services.TryAddSingleton<ChildRunStarter>();
        services.TryAddSingleton<LoadDagVersionActivity>();
        services.TryAddSingleton<ResolveNodeActivity>();
        services.TryAddSingleton<RunNodeStepActivity>();
        services.TryAddSingleton<RecordNodeStatesActivity>();
        services.TryAddSingleton<FinalizeRunActivity>();
        services.TryAddSingleton<CancelChildRunsActivity>();
        services.TryAddSingleton(sp => AlertOptions.From(sp.GetService<IConfiguration>()));
        services.TryAddSingleton(sp => new AlertLog(sp.GetRequiredService<IObjectStore>(), sp.GetRequiredService<EngineSecrets>().Redactor));
        services.TryAddSingleton<AlertDelivery>();
        services.TryAddSingleton<SendAlertActivity>();
        services.TryAddSingleton<RerunPreparation>();
        services.TryAddSingleton<RunLauncher>();
        services.TryAddSingleton<IRunLauncher>(sp => sp.GetRequiredService<RunLauncher>());
        return services;
    }
}
