using Azure.Storage.Blobs;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Sensors;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Storage.Tests.Azurite;

namespace DurableDags.Engine.Tests.Operators.Sensors;

/// <summary>Blob probes and blob sensors against a real Azurite.</summary>
public sealed class BlobServiceProbeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly string _container = $"drops{Guid.NewGuid():N}";
    private BlobServiceClient _service = null!;

    public async Task InitializeAsync()
    {
        _service = new BlobServiceClient(azurite.ConnectionString);
        await _service.GetBlobContainerClient(_container).CreateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_blob_exists_once_it_is_uploaded()
    {
        var probe = new BlobServiceProbe(_service);

        Assert.False(await probe.ExistsAsync(_container, "2026/01/31/costs.csv", CancellationToken.None));
        await Upload("2026/01/31/costs.csv");
        Assert.True(await probe.ExistsAsync(_container, "2026/01/31/costs.csv", CancellationToken.None));
    }

    [Fact]
    public async Task A_prefix_has_items_once_a_blob_under_it_is_uploaded()
    {
        var probe = new BlobServiceProbe(_service);
        await Upload("2026/01/30/costs.csv");

        Assert.False(await probe.AnyAsync(_container, "2026/01/31/", CancellationToken.None));
        await Upload("2026/01/31/part-0001.csv");
        Assert.True(await probe.AnyAsync(_container, "2026/01/31/", CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_container_answers_false()
    {
        var probe = new BlobServiceProbe(_service);

        Assert.False(await probe.ExistsAsync("nosuchcontainer", "a.csv", CancellationToken.None));
        Assert.False(await probe.AnyAsync("nosuchcontainer", "a", CancellationToken.None));
    }

    [Fact]
    public async Task A_blob_sensor_on_a_named_connection_waits_until_the_blob_arrives()
    {
        using var http = new HttpClient();
        var sensor = new SensorOperator(http, new BlobProbes(null, name => name == "DropsStorage" ? azurite.ConnectionString : null));
        var time = new ManualTimeProvider();
        var request = OperatorTestRequest.For("sensor", """
            { "blob": { "container": "CONTAINER", "prefix": "${{ params.date }}/", "connection": "DropsStorage" }, "pollInterval": "10m" }
            """.Replace("CONTAINER", _container, StringComparison.Ordinal), time: time);

        var first = await sensor.ExecuteAsync(request, CancellationToken.None);
        await Upload("2026-01-31/part-0001.csv");
        var second = await sensor.ExecuteAsync(request with { State = Assert.IsType<OperatorResult.Poll>(first).State }, CancellationToken.None);

        var output = Assert.IsType<OperatorResult.Succeeded>(second).Output!;
        Assert.Equal($$"""{"container":"{{_container}}","prefix":"2026-01-31/","exists":true}""", output.ToJsonString());
    }

    private Task Upload(string name) =>
        _service.GetBlobContainerClient(_container).GetBlobClient(name).UploadAsync(BinaryData.FromString("a,b\n1,2"));
}
