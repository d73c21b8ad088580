using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DurableDags.Api.Hosting;
using DurableDags.Api.Routing;
using DurableDags.Api.Security;
using DurableDags.Core.States;
using DurableDags.Engine;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Runs;
using DurableDags.Storage.Tests.Azurite;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Api.Tests.Fixtures;

/// <summary>
/// The API on real Kestrel over a real store, with one API key per role. Requests go out with the
/// admin key unless a test picks another.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string AdminKey = "admin-key-0123456789abcdef";
    public const string TriggerKey = "trigger-key-0123456789abcdef";
    public const string ReaderKey = "reader-key-0123456789abcdef";

    private readonly string? _folder;

    private ApiServer(KestrelHost host, IObjectStore objects, string? folder)
    {
        Host = host;
        Objects = objects;
        _folder = folder;
    }

    public KestrelHost Host { get; }

    public IObjectStore Objects { get; }

    public ICheckpointStore Store => Host.Services.GetRequiredService<ICheckpointStore>();

    /// <summary>The folder of a folder store, for tests that check nothing was written.</summary>
    public string? Folder => _folder;

    public static async Task<ApiServer> OnFolderAsync(Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"dd-api-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return await StartAsync(new FolderObjectStore(folder), folder, services, settings);
    }

    /// <summary>A server on a store another server may share; nothing is deleted when it stops.</summary>
    public static Task<ApiServer> OnStoreAsync(IObjectStore objects, Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null) =>
        StartAsync(objects, null, services, settings);

    public static async Task<ApiServer> OnAzuriteAsync(AzuriteFixture azurite, Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null) =>
        await StartAsync(await azurite.NewStoreAsync(), null, services, settings);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? key = AdminKey, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Add(ApiKeyRolesSource.HeaderName, key);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Host.Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PutDagAsync(string dagId, string yaml, string? key = AdminKey) =>
        SendAsync(HttpMethod.Put, $"/api/dags/{dagId}", Yaml(yaml), key);

    /// <summary>Triggers a run and returns its id; the response must be 202.</summary>
    public async Task<string> TriggerAsync(string dagId, string body = "{}", string? key = AdminKey)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/dags/{dagId}/runs", Json(body), key);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"trigger {dagId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("runId").GetString()!;
    }

    /// <summary>Polls the run until it is in one of <paramref name="states"/> (default: any final state), within a deadline.</summary>
    public async Task<JsonElement> WaitForRunAsync(string dagId, string runId, params string[] states)
    {
        states = states.Length > 0 ? states : ["succeeded", "failed", "cancelled"];
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var run = await GetJsonAsync($"/api/dags/{dagId}/runs/{runId}");
            if (states.Contains(run.GetProperty("state").GetString()))
            {
                return run;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"run {runId} did not reach {string.Join("|", states)} in time: {run}");
            await Task.Delay(25);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the run, within a deadline.</summary>
    public async Task<JsonElement> WaitForRunAsync(string dagId, string runId, Func<JsonElement, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var run = await GetJsonAsync($"/api/dags/{dagId}/runs/{runId}");
            if (condition(run))
            {
                return run;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"run {runId} did not get there in time: {run}");
            await Task.Delay(25);
        }
    }

    /// <summary>Stores a run record as it stands, without running it: listings and purges at chosen times.</summary>
    public async Task SeedRunAsync(string dagId, string runId, DateTimeOffset createdAt, RunState state, TriggerKind trigger = TriggerKind.Http, DateTimeOffset? logicalDate = null)
    {
        var dag = (await Store.GetDagAsync(dagId))!.Current;
        var start = await Store.StartRunAsync(new RunRecord
        {
            RunId = runId,
            DagId = dagId,
            DagVersion = dag.Version,
            DagHash = dag.Hash,
            State = state,
            Trigger = new RunTrigger { Kind = trigger },
            LogicalDate = logicalDate,
            CreatedAt = createdAt,
            EndedAt = state.IsFinal() ? createdAt.AddMinutes(1) : null,
        });
        Assert.True(start.Created, $"run {runId} existed already");
    }

    public static JsonElement Node(JsonElement run, string nodeId) =>
        run.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("nodeId").GetString() == nodeId);

    public async Task<JsonElement> GetJsonAsync(string path, string? key = AdminKey)
    {
        using var response = await SendAsync(HttpMethod.Get, path, key: key);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static StringContent Yaml(string yaml) => new(yaml, Encoding.UTF8, "application/yaml");

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<ApiServer> StartAsync(IObjectStore objects, string? folder, Action<IServiceCollection>? services, IDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["DurableDags:ApiKeys:admin:Key"] = AdminKey,
            ["DurableDags:ApiKeys:admin:Roles"] = "Dags.Admin",
            ["DurableDags:ApiKeys:ci:Key"] = TriggerKey,
            ["DurableDags:ApiKeys:ci:Roles"] = "Dags.Trigger",
            ["DurableDags:ApiKeys:viewer:Key"] = ReaderKey,
            ["DurableDags:ApiKeys:viewer:Roles"] = "Dags.Read",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var host = await KestrelHost.StartAsync(
            (s, configuration) =>
            {
                s.AddSingleton(objects);
                s.AddDurableDagsEngine(o => o.MaxConcurrentActivities = 8);
                s.AddDurableDagsApi(configuration).AddApiKeyRoles(configuration).AddRouting();
                services?.Invoke(s);
            },
            app => app.MapDurableDagsApi(),
            all);
        return new ApiServer(host, objects, folder);
    }
}
