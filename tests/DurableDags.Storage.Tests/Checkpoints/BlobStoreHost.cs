using DurableDags.Storage.Objects;
using DurableDags.Storage.Tests.Azurite;

namespace DurableDags.Storage.Tests.Checkpoints;

public sealed class BlobStoreHost(AzuriteFixture azurite) : IStoreHost
{
    public async Task<IObjectStore> CreateAsync() => await azurite.NewStoreAsync();

    public void Dispose()
    {
        // Each test's container dies with the collection's Azurite.
    }
}
