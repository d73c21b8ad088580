using System.Collections.Concurrent;
using DurableDags.Core.States;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Engine.Tests.Activities;

/// <summary>
/// The activities as a host wires them, on a real folder store whose calls on node, attempt and
/// log keys are logged, with run <c>r1</c> of DAG <c>steps</c> (a noop <c>a</c>, an http <c>call</c>
/// to a loopback server that fails as often as <see cref="FailuresLeft"/> says) already started.
/// </summary>
public sealed class ActivityHarness : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dd-activities-").FullName;
    private int _failuresLeft;

    private ActivityHarness()
    {
    }

    public ConcurrentQueue<(string Operation, string Key)> Calls { get; } = new();

    public LoopbackServer Server { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public ICheckpointStore Store => Services.GetRequiredService<ICheckpointStore>();

    public string Hash { get; private set; } = "";

    /// <summary>Node <c>held</c>'s call (<c>/held</c>) answers once this completes.</summary>
    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int FailuresLeft
    {
        get => _failuresLeft;
        set => _failuresLeft = value;
    }

    public static async Task<ActivityHarness> StartAsync(Action<DurableDagsEngineOptions>? engine = null)
    {
        var harness = new ActivityHarness();
        harness.Server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/work", () =>
                Interlocked.Decrement(ref harness._failuresLeft) >= 0 ? Results.StatusCode(500) : Results.Json(new { ok = true }));
            app.MapGet("/held", async () =>
            {
                await harness.Held.Task;
                return Results.Json(new { ok = true });
            });
        });
        harness.Services = new ServiceCollection()
            .AddSingleton<IObjectStore>(new CallLog(new FolderObjectStore(harness._folder), harness.Calls))
            .AddSingleton<TimeProvider>(new ManualTimeProvider())
            .AddDurableDagsEngine(engine)
            .BuildServiceProvider();
        var yaml = $"""
            id: steps
            nodes:
              a: {"{"} type: noop {"}"}
              call:
                type: http
                with: {"{"} url: "{harness.Server.Url("/work")}" {"}"}
              held:
                type: http
                with: {"{"} url: "{harness.Server.Url("/held")}" {"}"}
            """;
        harness.Hash = (await harness.Store.PutDagAsync("steps", yaml, "steps.yaml")).Version.Hash;
        await harness.Store.StartRunAsync(new RunRecord
        {
            DagId = "steps", RunId = "r1", DagVersion = 1, DagHash = harness.Hash, State = RunState.Running,
            Trigger = new RunTrigger { Kind = TriggerKind.Http }, CreatedAt = DateTimeOffset.UnixEpoch,
        });
        return harness;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The real store, with each call on node, attempt and log keys logged as it is made.</summary>
    private sealed class CallLog(IObjectStore inner, ConcurrentQueue<(string, string)> calls) : IObjectStore
    {
        public Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken = default) =>
            inner.GetAsync(Log("get", key), cancellationToken);

        public Task<WriteResult> TryCreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
            inner.TryCreateAsync(Log("create", key), content, cancellationToken);

        public Task<WriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, string? ifMatch = null, CancellationToken cancellationToken = default) =>
            inner.PutAsync(Log(ifMatch is null ? "put" : "put-if-match", key), content, ifMatch, cancellationToken);

        public Task<bool> DeleteAsync(string key, string? ifMatch = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(Log("delete", key), ifMatch, cancellationToken);

        public Task<ObjectPage> ListAsync(string prefix, string? startAfter = null, int limit = ObjectPage.MaxLimit, CancellationToken cancellationToken = default) =>
            inner.ListAsync(Log("list", prefix), startAfter, limit, cancellationToken);

        private string Log(string operation, string key)
        {
            if (key.Contains("/nodes/", StringComparison.Ordinal) || key.Contains("/attempts/", StringComparison.Ordinal) || key.Contains("/logs/", StringComparison.Ordinal))
            {
                calls.Enqueue((operation, key));
            }

            return key;
        }
    }
}
