using Azure.Storage.Blobs;
using DurableDags.Core.Operators;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Registration;
using DurableDags.Engine.Operators.Sensors;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Engine.Tests.Operators.Registration;

public class OperatorServiceCollectionExtensionsTests
{
    [Fact]
    public void The_built_ins_cover_every_operator_of_the_built_in_catalog()
    {
        using var services = new ServiceCollection().AddDurableDagsOperators().AddDurableDagsOperators().BuildServiceProvider();

        var registry = services.GetRequiredService<OperatorRegistry>();

        Assert.Equal(OperatorCatalog.BuiltIn.Names.Order(StringComparer.Ordinal), registry.Types);
        Assert.Equal(OperatorCatalog.BuiltIn.Names, registry.Catalog.Names);
        Assert.Equal(8, services.GetServices<INodeOperator>().Count());
    }

    [Fact]
    public async Task A_custom_operator_runs_from_the_registry_and_its_spec_joins_the_catalog()
    {
        var spec = new OperatorSpec("greet") { Settings = [new SettingSpec("name", SettingType.String) { Required = true }] };
        using var services = new ServiceCollection()
            .AddDurableDagsOperators()
            .AddNodeOperator<GreetOperator>(spec)
            .BuildServiceProvider();
        var registry = services.GetRequiredService<OperatorRegistry>();

        var result = await registry.Get("greet").ExecuteAsync(
            OperatorTestRequest.For("greet", """{ "name": "${{ params.date }}" }"""), CancellationToken.None);

        Assert.Equal("""{"greeting":"Hello, 2026-01-31!"}""", Assert.IsType<OperatorResult.Succeeded>(result).Output!.ToJsonString());
        Assert.Same(spec, registry.Catalog.Find("greet"));
    }

    [Fact]
    public void A_registered_blob_service_client_is_the_storage_of_blob_sensors()
    {
        using var withStorage = new ServiceCollection()
            .AddSingleton(new BlobServiceClient("UseDevelopmentStorage=true"))
            .AddDurableDagsOperators()
            .BuildServiceProvider();
        using var withoutStorage = new ServiceCollection().AddDurableDagsOperators().BuildServiceProvider();

        Assert.IsType<BlobServiceProbe>(withStorage.GetRequiredService<BlobProbes>().For(connection: null));
        var error = Assert.Throws<OperatorFailureException>(() => withoutStorage.GetRequiredService<BlobProbes>().For(connection: null));
        Assert.False(error.Retryable);
    }
}
