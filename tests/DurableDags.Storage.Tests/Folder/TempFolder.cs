namespace DurableDags.Storage.Tests.Folder;

/// <summary>A store root inside a parent folder of its own, so tests can check nothing escaped the root.</summary>
internal sealed class TempFolder : IDisposable
{
    private readonly string _top = Path.Combine(Path.GetTempPath(), $"dd-store-{Guid.NewGuid():N}");

    public TempFolder()
    {
        Parent = Path.Combine(_top, "parent");
        Root = Path.Combine(Parent, "root");
        Directory.CreateDirectory(Root);
    }

    /// <summary>Holds only <see cref="Root"/>: anything else in it escaped.</summary>
    public string Parent { get; }

    public string Root { get; }

    public void Dispose() => Directory.Delete(_top, recursive: true);
}
