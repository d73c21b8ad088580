using System.Net;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Storage.Tests.Azurite;

namespace DurableDags.Api.Tests.Handlers;

/// <summary>Versions and their diff over HTTP, on each real store.</summary>
public abstract class DagVersionHandlersTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    protected abstract Task<ApiServer> StartAsync();

    [Fact]
    public async Task Versions_are_listed_newest_first_and_two_diff_as_unified_text()
    {
        (await _server.PutDagAsync("etl", "id: etl\nnodes:\n  one: { type: noop }\n")).Dispose();
        (await _server.PutDagAsync("etl", "id: etl\nnodes:\n  one: { type: noop }\n  two: { type: noop, needs: [one] }\n")).Dispose();

        var versions = (await _server.GetJsonAsync("/api/dags/etl/versions", ApiServer.ReaderKey)).GetProperty("versions").EnumerateArray().ToList();
        using var diff = await _server.SendAsync(HttpMethod.Get, "/api/dags/etl/versions/1/diff/2", key: ApiServer.ReaderKey);
        using var missing = await _server.SendAsync(HttpMethod.Get, "/api/dags/etl/versions/1/diff/9");
        using var notNumber = await _server.SendAsync(HttpMethod.Get, "/api/dags/etl/versions/one/diff/2");

        Assert.Equal([(2, true), (1, false)], versions.Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("current").GetBoolean())));
        Assert.Equal("text/plain; charset=utf-8", diff.Content.Headers.ContentType!.ToString());
        Assert.Equal(
            "--- etl version 1 (etl.yaml)\n+++ etl version 2 (etl.yaml)\n@@ -1,3 +1,4 @@\n id: etl\n nodes:\n   one: { type: noop }\n+  two: { type: noop, needs: [one] }\n",
            (await diff.Content.ReadAsStringAsync()).ReplaceLineEndings("\n"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notNumber.StatusCode);
    }

    [Fact]
    public async Task An_older_version_answers_its_own_nodes_and_source_not_the_current_ones()
    {
        (await _server.PutDagAsync("etl", "id: etl\nnodes:\n  one: { type: noop }\n  old: { type: noop, needs: [one] }\n")).Dispose();
        (await _server.PutDagAsync("etl", "id: etl\nnodes:\n  one: { type: noop }\n  two: { type: noop, needs: [one] }\n")).Dispose();

        var first = await _server.GetJsonAsync("/api/dags/etl/versions/1", ApiServer.ReaderKey);
        var second = await _server.GetJsonAsync("/api/dags/etl/versions/2", ApiServer.ReaderKey);
        using var missing = await _server.SendAsync(HttpMethod.Get, "/api/dags/etl/versions/3");

        Assert.Equal((1, false), (first.GetProperty("version").GetInt32(), first.GetProperty("current").GetBoolean()));
        Assert.Equal(["one", "old"], first.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(["one"], first.GetProperty("nodes")[1].GetProperty("needs").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("old: { type: noop", first.GetProperty("definition").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("sha256:", first.GetProperty("hash").GetString(), StringComparison.Ordinal);
        Assert.Equal((2, true), (second.GetProperty("version").GetInt32(), second.GetProperty("current").GetBoolean()));
        Assert.Equal(["one", "two"], second.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

public sealed class DagVersionHandlersOnFolderTests : DagVersionHandlersTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnFolderAsync();
}

[Collection(AzuriteCollection.Name)]
public sealed class DagVersionHandlersOnAzuriteTests(AzuriteFixture azurite) : DagVersionHandlersTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnAzuriteAsync(azurite);
}
