using System.Text;
using System.Text.Json;
using DurableDags.Api.Hosting;
using DurableDags.Web.Hosting;
using DurableDags.Web.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Web.Tests.EndToEnd;

/// <summary>
/// The real server as <c>dags serve</c> builds it: the API, the embedded engine and the scheduler
/// over a folder store, with the web UI, on Kestrel at 127.0.0.1 and a free port. It also answers two routes
/// that stand in for the outside systems the test DAGs call (<see cref="Outside"/>).
/// </summary>
public sealed class DagServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string folder;

    private DagServer(WebApplication app, string folder, Uri address, OutsideSystems outside)
    {
        this.app = app;
        this.folder = folder;
        Address = address;
        Outside = outside;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public OutsideSystems Outside { get; }

    /// <summary>
    /// Starts the server <c>dags serve</c> builds (<see cref="DurableDagsServer"/>, scheduler
    /// included), adds the web UI and the stand-in routes, and listens on 127.0.0.1 at a free port.
    /// <paramref name="settings"/> adds configuration, such as API keys.
    /// </summary>
    public static async Task<DagServer> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"dd-web-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var outside = new OutsideSystems();
        var configuration = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = await DurableDagsServer.BuildAsync(
            new ServerOptions
            {
                DagsFolder = null,
                StoreFolder = folder,
                Urls = "http://127.0.0.1:0",
                ConfigurationArgs = [.. configuration.Select(s => $"--{s.Key}={s.Value}")],
            },
            CancellationToken.None);
        outside.Map(app);
        await app.StartAsync();
        return new DagServer(app, folder, LoopbackHost.AddressOf(app), outside);
    }

    /// <summary>Uploads a DAG; <c>OUTSIDE</c> in the YAML becomes this server's address.</summary>
    public async Task PutDagAsync(string dagId, string yaml, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/dags/{dagId}")
        {
            Content = new StringContent(yaml.Replace("OUTSIDE", Address.ToString().TrimEnd('/'), StringComparison.Ordinal), Encoding.UTF8, "application/yaml"),
        };
        AddKey(request, apiKey);
        using var response = await Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"PUT {dagId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Imports a folder of DAG files as <c>dags serve --dags</c> does at start; its broken files become import errors.</summary>
    public Task ImportFolderAsync(string dagsFolder) =>
        app.Services.GetRequiredService<DagFolderImporter>().ImportAsync(dagsFolder, CancellationToken.None);

    public async Task<JsonElement> GetJsonAsync(string path, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        AddKey(request, apiKey);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<string> TriggerAsync(string dagId, string paramsJson = "{}")
    {
        using var response = await Client.PostAsync(new Uri($"/api/dags/{dagId}/runs", UriKind.Relative),
            new StringContent($$"""{ "params": {{paramsJson}} }""", Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"trigger {dagId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("runId").GetString()!;
    }

    public async Task SendEventAsync(string dagId, string runId, string name, string payloadJson)
    {
        using var response = await Client.PostAsync(new Uri($"/api/dags/{dagId}/runs/{Uri.EscapeDataString(runId)}/events/{name}", UriKind.Relative),
            new StringContent(payloadJson, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"event {name} to {runId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Triggers a run and waits until it is finished; returns its id.</summary>
    public async Task<string> RunToEndAsync(string dagId, string paramsJson = "{}")
    {
        var runId = await TriggerAsync(dagId, paramsJson);
        await WaitForRunAsync(dagId, runId, TimeSpan.FromSeconds(30));
        return runId;
    }

    /// <summary>Polls the run until it is finished, for at most <paramref name="limit"/>.</summary>
    public async Task<JsonElement> WaitForRunAsync(string dagId, string runId, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var run = await GetJsonAsync($"/api/dags/{dagId}/runs/{Uri.EscapeDataString(runId)}");
            if (run.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled")
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"run {runId} of {dagId} did not finish within {limit}: {run}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private static void AddKey(HttpRequestMessage request, string? apiKey)
    {
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }
    }
}
