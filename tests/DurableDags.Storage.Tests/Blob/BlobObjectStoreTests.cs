using DurableDags.Storage.Objects;
using DurableDags.Storage.Tests.Azurite;
using DurableDags.Storage.Tests.Objects;

namespace DurableDags.Storage.Tests.Blob;

[Collection(AzuriteCollection.Name)]
public sealed class BlobObjectStoreTests(AzuriteFixture azurite) : ObjectStoreContractTests
{
    protected override async Task<IObjectStore> CreateStoreAsync() => await azurite.NewStoreAsync();
}
