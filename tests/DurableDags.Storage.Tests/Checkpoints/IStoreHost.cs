using DurableDags.Storage.Objects;

namespace DurableDags.Storage.Tests.Checkpoints;

/// <summary>Makes a fresh, empty object store of one kind for each test, and cleans up after it.</summary>
public interface IStoreHost : IDisposable
{
    Task<IObjectStore> CreateAsync();
}
