using DurableDags.Storage.Blob;

namespace DurableDags.Storage.Tests.Azurite;

/// <summary>
/// A real Azurite blob service on loopback (<see cref="AzuriteProcess"/>, in memory), started once
/// per test collection and killed at the end. Each test gets its own container.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? "";

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartNewAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A store on a container of its own, so tests never see each other's keys.</summary>
    public Task<BlobObjectStore> NewStoreAsync() =>
        BlobObjectStore.ConnectAsync(new BlobStoreOptions { ConnectionString = ConnectionString, ContainerName = $"t{Guid.NewGuid():N}" });
}
