using DurableDags.Api.Hosting;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Functions.Hosting;

/// <summary>
/// The Functions app's telemetry: the engine's (<see cref="TelemetryServiceCollectionExtensions"/>)
/// plus the isolated worker's, as Azure Functions documents it for OpenTelemetry. The worker's
/// defaults tell the host that the worker exports its own logs, so they are applied only when an
/// exporter is configured; without one the host goes on sending the worker's logs as before.
/// </summary>
public static class FunctionsTelemetry
{
    public const string ServiceName = "durabledags-functions";

    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration) =>
        // The defaults also trace the worker's invocation spans (source Microsoft.Azure.Functions.Worker).
        services.AddDurableDagsTelemetry(configuration, ServiceName, telemetry => telemetry.UseFunctionsWorkerDefaults());
}
