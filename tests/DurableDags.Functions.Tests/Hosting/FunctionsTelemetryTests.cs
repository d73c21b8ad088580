using System.Diagnostics;
using DurableDags.Api.Hosting;
using DurableDags.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace DurableDags.Functions.Tests.Hosting;

/// <summary>The Functions app's telemetry as Program.cs registers it, exported in memory.</summary>
public sealed class FunctionsTelemetryTests
{
    private const string Capability = "WorkerOpenTelemetryEnabled";
    private const string WorkerSource = "Microsoft.Azure.Functions.Worker";

    private readonly List<Activity> _spans = [];

    private ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging().AddFunctionsTelemetry(configuration);
        if (services.Any(s => s.ServiceType == typeof(TracerProvider)))
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        }

        return services.BuildServiceProvider();
    }

    [Fact]
    public void With_app_insights_the_worker_exports_its_invocations_under_the_apps_name_and_tells_the_host()
    {
        using var services = Build((TelemetryServiceCollectionExtensions.ConnectionStringKey,
            "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/"));
        var tracing = services.GetRequiredService<TracerProvider>();
        using var worker = new ActivitySource(WorkerSource);

        using (worker.StartActivity("Invoke"))
        {
        }

        tracing.ForceFlush();
        var span = Assert.Single(_spans, s => s.Source.Name == WorkerSource);
        Assert.Equal("Invoke", span.DisplayName);
        var resource = tracing.GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal(FunctionsTelemetry.ServiceName, resource["service.name"]);
        Assert.Equal(bool.TrueString, services.GetRequiredService<IOptions<WorkerOptions>>().Value.Capabilities[Capability]);
    }

    [Fact]
    public void Without_an_exporter_the_host_keeps_the_workers_logs()
    {
        using var services = Build();

        Assert.Null(services.GetService<TracerProvider>());
        Assert.False(services.GetRequiredService<IOptions<WorkerOptions>>().Value.Capabilities.ContainsKey(Capability));
    }
}
