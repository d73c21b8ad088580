using DurableDags.Api.Hosting;
using DurableDags.Engine.Runs;
using DurableDags.Functions.Hosting;
using DurableDags.Functions.Orchestration;
using DurableDags.Functions.Runs;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Objects;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableDags.Functions.Tests.Hosting;

/// <summary>
/// The Functions app's orchestrator and activities on the real Durable Task worker: the
/// in-process test host's sidecar (its in-memory orchestration service, metered by
/// <see cref="HistoryMeter"/>) on Kestrel, a Microsoft.DurableTask.Worker connected to it over
/// gRPC with the app's serializer, and the app's services (DurableFunctionsServices) over a folder
/// store. Runs are started and steered through <see cref="RunLauncher"/> with
/// <see cref="DurableTaskRunOrchestrations"/>, as the app's HTTP functions do.
/// </summary>
public sealed partial class DurableWorkerHost : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dd-functions-").FullName;
    private WebApplication? _sidecar;
    private GrpcChannel? _channel;
    private IHost? _worker;
    private HistoryMeter? _meter;

    public ServiceProvider App { get; private set; } = null!;

    public DurableTaskClient Client { get; private set; } = null!;

    public ICheckpointStore Store => App.GetRequiredService<ICheckpointStore>();

    internal HistoryMeter Meter => _meter!;

    /// <param name="decorate">Wraps the folder store the app uses (an outage, say); the app's own store when null.</param>
    public static async Task<DurableWorkerHost> StartAsync(
        int historyEventBudget = DagRunInput.DefaultHistoryEventBudget, Func<IObjectStore, IObjectStore>? decorate = null)
    {
        var host = new DurableWorkerHost();
        await host.StartAppAsync(historyEventBudget, decorate ?? (store => store));
        await host.StartSidecarAsync();
        await host.StartWorkerAsync();
        return host;
    }

    /// <summary>Runs <paramref name="call"/> with this host's client in place, as an HTTP function does.</summary>
    public async Task<T> WithClientAsync<T>(Func<IRunLauncher, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var orchestrations = AmbientRunOrchestrations.Use(new DurableTaskRunOrchestrations(Client));
        return await call(App.GetRequiredService<IRunLauncher>());
    }

    private async Task StartAppAsync(int historyEventBudget, Func<IObjectStore, IObjectStore> decorate)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DurableDags:Engine:HistoryEventBudget"] = historyEventBudget.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        App = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddDurableDagsForDurableFunctions(configuration, decorate(new FolderObjectStore(_folder)))
            .BuildServiceProvider();
        await Task.CompletedTask;
    }

    private async Task StartSidecarAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        var service = new InMemoryOrchestrationService(NullLoggerFactoryOf(builder));
        _meter = new HistoryMeter(service);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<DurableTask.Core.IOrchestrationService>(_meter);
        builder.Services.AddSingleton<DurableTask.Core.IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _sidecar = builder.Build();
        _sidecar.MapGrpcService<TaskHubGrpcServer>();
        await _sidecar.StartAsync();
        _channel = GrpcChannel.ForAddress(_sidecar.Urls.Single());
    }

    private async Task StartWorkerAsync()
    {
        var converter = new SerializerDataConverter(DurableSerialization.Serializer);
        var functions = ActivatorUtilities.CreateInstance<DagActivityFunctions>(App);
        _worker = Host.CreateDefaultBuilder(["--hostBuilder:reloadConfigOnChange=false"])
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(services =>
            {
                services.AddDurableTaskWorker(worker =>
                {
                    worker.UseGrpc(_channel!);
                    worker.AddTasks(tasks => AppTasks.Register(tasks, functions, () => Client));
                    worker.Configure(o => o.DataConverter = converter);
                });
                services.AddDurableTaskClient(client =>
                {
                    client.UseGrpc(_channel!);
                    client.Configure(o => o.DataConverter = converter);
                    client.RegisterDirectly();
                });
            })
            .Build();
        await _worker.StartAsync();
        Client = _worker.Services.GetRequiredService<DurableTaskClient>();
    }

    private static ILoggerFactory NullLoggerFactoryOf(WebApplicationBuilder builder) =>
        Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync();
            _worker.Dispose();
        }

        _channel?.Dispose();
        if (_sidecar is not null)
        {
            await _sidecar.StopAsync();
            await _sidecar.DisposeAsync();
        }

        await App.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
