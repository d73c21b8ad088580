using DurableDags.Api.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DurableDags.Api.Tests.Hosting;

public class TelemetryServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddDurableDagsTelemetry(configuration, "test").BuildServiceProvider();
    }

    [Fact]
    public void Without_an_exporter_setting_nothing_is_registered()
    {
        using var services = Build();

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData(TelemetryServiceCollectionExtensions.OtlpEndpointKey, "http://127.0.0.1:4317")]
    [InlineData(TelemetryServiceCollectionExtensions.ConnectionStringKey, "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1/")]
    public void An_otlp_endpoint_or_an_app_insights_connection_string_turns_traces_and_metrics_on(string key, string value)
    {
        using var services = Build((key, value));

        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
    }
}
