using System.Net;
using System.Text.Json;
using DurableDags.Api.Hosting;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Storage.Tests.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableDags.Api.Tests.Hosting;

/// <summary>
/// The folder as the one source of truth for its DAGs: watched, shown as their origin, read-only
/// over the API, and never loaded over a DAG uploaded over the API; on each real store.
/// </summary>
public abstract class DagFolderWatcherTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"dd-watch-{Guid.NewGuid():N}");

    private ApiServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _server = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    protected abstract Task<ApiServer> StartAsync();

    [Fact]
    public async Task A_saved_file_is_live_without_a_restart_and_a_broken_save_is_an_import_error_while_the_last_good_version_stays()
    {
        using var watcher = new DagFolderWatcher(_folder, Importer, TimeProvider.System, NullLogger<DagFolderWatcher>.Instance);
        var file = Path.Combine(_folder, "live.yaml");

        await File.WriteAllTextAsync(file, "id: live\nnodes:\n  one: { type: noop }\n");
        var first = await PollAsync("/api/dags/live", dag => true);
        await File.WriteAllTextAsync(file, "id: live\nnodes:\n  one: { type: teleport }\n");
        var errors = await PollAsync("/api/import-errors", e => e.GetProperty("errors").GetArrayLength() == 1);
        await File.WriteAllTextAsync(file, "id: live\nnodes:\n  one: { type: noop }\n  two: { type: noop }\n");
        var second = await PollAsync("/api/dags/live", dag => dag.GetProperty("version").GetInt32() == 2);
        // The import stores the DAG before it replaces the folder's errors, so the error clears a moment later.
        await PollAsync("/api/import-errors", e => e.GetProperty("errors").GetArrayLength() == 0);

        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal(("folder", file), (first.GetProperty("origin").GetProperty("kind").GetString(), first.GetProperty("origin").GetProperty("file").GetString()));
        Assert.Equal(file, errors.GetProperty("errors")[0].GetProperty("file").GetString());
        Assert.Equal(2, second.GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task A_folder_dag_is_read_only_over_the_api_and_a_folder_file_never_replaces_a_dag_uploaded_over_the_api()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "owned.yaml"), "id: owned\nnodes:\n  one: { type: noop }\n");
        (await _server.PutDagAsync("uploaded", "id: uploaded\nnodes:\n  api: { type: noop }\n")).Dispose();
        await File.WriteAllTextAsync(Path.Combine(_folder, "uploaded.yaml"), "id: uploaded\nnodes:\n  folder: { type: noop }\n");

        await Importer.ImportAsync(_folder, CancellationToken.None);
        using var put = await _server.PutDagAsync("owned", "id: owned\nnodes:\n  other: { type: noop }\n");

        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        Assert.Contains(Path.Combine(_folder, "owned.yaml"), await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var uploaded = await _server.GetJsonAsync("/api/dags/uploaded");
        Assert.Equal(("api", 1), (uploaded.GetProperty("origin").GetProperty("kind").GetString(), uploaded.GetProperty("version").GetInt32()));
        Assert.Equal("api", uploaded.GetProperty("nodes")[0].GetProperty("id").GetString());
        var error = Assert.Single((await _server.GetJsonAsync("/api/import-errors")).GetProperty("errors").EnumerateArray());
        Assert.Contains("was uploaded over the API", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private DagFolderImporter Importer => _server.Host.Services.GetRequiredService<DagFolderImporter>();

    private async Task<JsonElement> PollAsync(string path, Func<JsonElement, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            using var response = await _server.SendAsync(HttpMethod.Get, path);
            if (response.IsSuccessStatusCode && condition(await ApiServer.ReadJsonAsync(response)) is true)
            {
                return await ApiServer.ReadJsonAsync(response);
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"GET {path} did not get there in time: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(50);
        }
    }
}

public sealed class DagFolderWatcherOnFolderTests : DagFolderWatcherTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnFolderAsync();
}

[Collection(AzuriteCollection.Name)]
public sealed class DagFolderWatcherOnAzuriteTests(AzuriteFixture azurite) : DagFolderWatcherTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnAzuriteAsync(azurite);
}
