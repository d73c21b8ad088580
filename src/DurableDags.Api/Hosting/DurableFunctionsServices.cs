using DurableDags.Api.Security;
using DurableDags.Engine;
using DurableDags.Engine.Runs;
using DurableDags.Storage.Objects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Api.Hosting;

/// <summary>
/// The services of the Azure Functions app, where Durable Functions runs the DAG-run orchestrator
/// and its activities: everything <c>dags serve</c> has except the embedded engine and the
/// scheduler's background loop (a timer function ticks instead). Kept here, outside the Functions
/// project, so that it builds and is tested everywhere.
/// </summary>
public static class DurableFunctionsServices
{
    /// <summary>
    /// When true, a request without Easy Auth's principal header is refused (401). Off by default:
    /// with Easy Auth on, the platform refuses such requests itself; with it off, callers hold a
    /// function key and every role.
    /// </summary>
    public const string RequirePrincipalKey = "DurableDags:Auth:RequirePrincipal";

    /// <summary>
    /// The store, the runtime (operators, activities, <see cref="RunLauncher"/>) over
    /// <see cref="AmbientRunOrchestrations"/> (each function puts its DurableTaskClient in place),
    /// the API with limits from <c>DurableDags:Api</c>, and roles from Easy Auth.
    /// </summary>
    public static IServiceCollection AddDurableDagsForDurableFunctions(this IServiceCollection services, IConfiguration configuration, IObjectStore objects)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(objects);
        return services
            .AddSingleton(objects)
            .AddSingleton<IRunOrchestrations, AmbientRunOrchestrations>()
            .AddDurableDagsRuntime(engine => configuration.GetSection("DurableDags:Engine").Bind(engine))
            .AddDurableDagsApi(configuration)
            .AddEasyAuthRoles(configuration.GetValue<bool>(RequirePrincipalKey));
    }
}
