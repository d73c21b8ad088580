using DurableDags.Core.Loading;

namespace DurableDags.Core.Tests.Loading;

// The cache is process-wide: each test uses hashes of its own.
public class StoredDagCacheTests
{
    private const string Source = "id: cached\nnodes:\n  a: { type: noop }\n  b: { type: noop, needs: a }\n";

    [Fact]
    public void A_version_is_parsed_once_and_then_shared()
    {
        var hash = Hash();
        Assert.Null(StoredDagCache.Find(hash));

        var first = StoredDagCache.GetOrLoad(hash, "cached.yaml", Source);
        var again = StoredDagCache.GetOrLoad(hash, "cached.yaml", "id: other\nnodes: { z: { type: noop } }\n");

        Assert.NotNull(first);
        Assert.Equal(["a", "b"], first.Nodes.Select(n => n.Id));
        Assert.Same(first, again);
        Assert.Same(first, StoredDagCache.Find(hash));
    }

    [Fact]
    public void A_definition_remembered_from_an_upload_is_the_one_every_reader_gets()
    {
        var hash = Hash();
        var uploaded = Load.Valid(Source);

        Assert.Same(uploaded, StoredDagCache.Remember(hash, uploaded));
        Assert.Same(uploaded, StoredDagCache.GetOrLoad(hash, "cached.yaml", Source));
        Assert.Same(uploaded, StoredDagCache.Remember(hash, Load.Valid(Source)));
    }

    [Fact]
    public void A_source_that_does_not_load_is_not_kept()
    {
        var hash = Hash();

        Assert.Null(StoredDagCache.GetOrLoad(hash, "broken.yaml", "id: [unclosed\n"));
        Assert.Null(StoredDagCache.Find(hash));
        Assert.NotNull(StoredDagCache.GetOrLoad(hash, "cached.yaml", Source));
    }

    private static string Hash() => Guid.NewGuid().ToString("N");
}
