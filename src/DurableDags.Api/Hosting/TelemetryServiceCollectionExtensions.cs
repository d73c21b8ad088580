using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using DurableDags.Engine.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DurableDags.Api.Hosting;

/// <summary>
/// Exports the engine's traces, metrics and logs (docs/observability.md) when the host is told
/// where: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the standard
/// <c>OTEL_*</c> variables itself), Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// is, with Entra ID auth when <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> says
/// <c>Authorization=AAD</c>. With neither, nothing is registered and nothing is recorded.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The standard sampler setting; when set, the Azure Monitor exporter's own reading of it applies.</summary>
    public const string SamplerKey = "OTEL_TRACES_SAMPLER";

    /// <param name="host">
    /// The host's own part, applied only when something is exported (the Functions worker's
    /// defaults, say); the service name is set after it, so <paramref name="serviceName"/> wins.
    /// </param>
    public static IServiceCollection AddDurableDagsTelemetry(
        this IServiceCollection services, IConfiguration configuration, string serviceName, Action<IOpenTelemetryBuilder>? host = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var otlp = !string.IsNullOrEmpty(configuration[OtlpEndpointKey]);
        var azureMonitor = configuration[ConnectionStringKey] is { Length: > 0 } connectionString
            ? new AzureMonitor(connectionString, CredentialOf(configuration[AuthenticationStringKey]), string.IsNullOrEmpty(configuration[SamplerKey]))
            : null;
        if (!otlp && azureMonitor is null)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry();
        host?.Invoke(telemetry);
        telemetry
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(DurableDagsTelemetry.SourceName).AddHttpClientInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }

                if (azureMonitor is not null)
                {
                    tracing.AddAzureMonitorTraceExporter(azureMonitor.Configure);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(DurableDagsTelemetry.SourceName).AddHttpClientInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }

                if (azureMonitor is not null)
                {
                    metrics.AddAzureMonitorMetricExporter(azureMonitor.Configure);
                }
            })
            .WithLogging(
                logging =>
                {
                    if (otlp)
                    {
                        logging.AddOtlpExporter();
                    }

                    if (azureMonitor is not null)
                    {
                        logging.AddAzureMonitorLogExporter(azureMonitor.Configure);
                    }
                },
                // The run and node ids of a step's log scope go with every record written in it.
                options => options.IncludeScopes = true);
        return services;
    }

    /// <summary>A managed identity (the infra's user-assigned one) when the authentication string asks for Entra ID.</summary>
    private static TokenCredential? CredentialOf(string? authentication)
    {
        if (authentication is null || !authentication.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var clientId = authentication.Split(';').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0].Trim().Equals("ClientId", StringComparison.OrdinalIgnoreCase))?[1];
        return new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
    }

    private sealed record AzureMonitor(string ConnectionString, TokenCredential? Credential, bool EveryTrace)
    {
        public void Configure(AzureMonitorExporterOptions options)
        {
            options.ConnectionString = ConnectionString;
            if (EveryTrace)
            {
                // The exporter's default since 1.6 keeps 5 traces a second: a busy hour would lose
                // the traces of most runs, and a failed run is the one somebody opens. Every trace is
                // kept unless the operator picks a sampler with OTEL_TRACES_SAMPLER.
                options.SamplingRatio = 1.0F;
                options.TracesPerSecond = null;
            }

            if (Credential is not null)
            {
                options.Credential = Credential;
            }
        }
    }
}
