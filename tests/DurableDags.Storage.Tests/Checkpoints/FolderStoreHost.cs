using DurableDags.Storage.Folder;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Tests.Folder;

namespace DurableDags.Storage.Tests.Checkpoints;

public sealed class FolderStoreHost : IStoreHost
{
    private readonly TempFolder _folder = new();

    public Task<IObjectStore> CreateAsync() => Task.FromResult<IObjectStore>(new FolderObjectStore(_folder.Root));

    public void Dispose() => _folder.Dispose();
}
