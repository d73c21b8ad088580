using DurableDags.Api.Backfills;
using DurableDags.Api.Files;
using DurableDags.Api.Handlers;
using DurableDags.Api.Registry;
using DurableDags.Api.Requests;
using DurableDags.Api.Retention;
using DurableDags.Api.Routing;
using DurableDags.Api.Scheduling;
using DurableDags.Api.Search;
using DurableDags.Api.Security;
using DurableDags.Core.Operators;
using DurableDags.Storage.Checkpoints;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DurableDags.Api.Hosting;

/// <summary>
/// Registers the API for a host. The host registers the <see cref="ICheckpointStore"/>, the
/// <see cref="Engine.Runs.IRunLauncher"/> (AddDurableDagsEngine) and a roles source.
/// </summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// The handlers, the registry and the dispatcher, with limits from <c>DurableDags:Api</c>.
    /// </summary>
    public static IServiceCollection AddDurableDagsApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ApiOptions();
        configuration.GetSection(ApiOptions.Section).Bind(options);
        if (options.MaxBodyBytes <= 0 || options.MaxDagBytes <= 0)
        {
            throw new InvalidOperationException($"{ApiOptions.Section}:MaxBodyBytes and MaxDagBytes must be positive; they are {options.MaxBodyBytes} and {options.MaxDagBytes}.");
        }

        var scheduler = new SchedulerOptions();
        configuration.GetSection(SchedulerOptions.Section).Bind(scheduler);
        if (scheduler.MaxRunsPerTick < 1 || scheduler.Interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SchedulerOptions.Section}: MaxRunsPerTick must be at least 1 and Interval positive.");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(scheduler);
        services.AddSingleton<SchedulerTick>();
        services.TryAddSingleton(OperatorCatalog.BuiltIn);
        services.AddSingleton(options);
        services.AddSingleton<DagRegistry>();
        services.AddSingleton<ScheduleCache>();
        services.AddSingleton(sp => new SchedulerCursors(sp.GetRequiredService<ICheckpointStore>().Objects));
        services.AddSingleton<RunNodeViews>();
        services.AddSingleton<StorageStatus>();
        services.AddSingleton<HealthHandler>();
        services.AddSingleton<DagHandlers>();
        services.AddSingleton<RunQueryHandlers>();
        services.AddSingleton<RunEventHandlers>();
        services.AddSingleton<RunTriggerHandler>();
        services.AddSingleton<RunControlHandlers>();
        services.AddSingleton<ApiDispatcher>();
        services.AddSingleton<RunFinder>();
        services.AddSingleton<RunSearchHandlers>();
        services.AddSingleton<NodeFinder>();
        services.AddSingleton<NodeSearchHandler>();
        services.AddSingleton<ImportErrors>();
        services.AddSingleton<DagFolderImporter>();
        var backfill = new BackfillOptions();
        configuration.GetSection(BackfillOptions.Section).Bind(backfill);
        if (backfill.MaxIntervals < 1)
        {
            throw new InvalidOperationException($"{BackfillOptions.Section}:MaxIntervals must be at least 1; it is {backfill.MaxIntervals}.");
        }

        services.AddSingleton(backfill);
        services.AddSingleton(sp => new BackfillStore(sp.GetRequiredService<ICheckpointStore>().Objects));
        services.AddSingleton<BackfillDriver>();
        services.AddSingleton<BackfillHandlers>();
        services.AddSingleton<LogicalDateRuns>();
        services.AddSingleton<NodeMarkHandler>();
        var retention = new RetentionOptions();
        configuration.GetSection(RetentionOptions.Section).Bind(retention);
        if (retention.RunDays < 0 || retention.Every <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{RetentionOptions.Section}: RunDays must be 0 (keep every run) or more, and Every positive.");
        }

        services.AddSingleton(retention);
        services.AddSingleton<RunPurger>();
        services.AddSingleton<RunRetention>();
        services.AddSingleton<DagDeleteHandlers>();
        services.AddSingleton<DagVersionHandlers>();
        services.AddSingleton<ApprovalDecisions>();
        services.AddSingleton(sp => new DagOrigins(sp.GetRequiredService<ICheckpointStore>().Objects));
        return services;
    }

    /// <summary>The scheduler as a hosted service, ticking every <see cref="SchedulerOptions.Interval"/>; for the local server.</summary>
    public static IServiceCollection AddDurableDagsScheduler(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService<SchedulerService>();
        return services;
    }

    /// <summary>API keys from <c>DurableDags:ApiKeys</c>, for the local server.</summary>
    public static IServiceCollection AddApiKeyRoles(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var source = ApiKeyRolesSource.FromConfiguration(configuration);
        services.AddSingleton(source);
        services.AddSingleton<IRolesSource>(source);
        return services;
    }

    /// <summary>App roles from Easy Auth's principal header, for the Functions app.</summary>
    public static IServiceCollection AddEasyAuthRoles(this IServiceCollection services, bool requirePrincipal)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IRolesSource>(new EasyAuthRolesSource(requirePrincipal));
        return services;
    }
}
