using System.Collections.Concurrent;
using DurableDags.Core.States;
using DurableDags.Engine.Activities;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Orchestration.Contracts;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Objects;
using DurableDags.Storage.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Engine.Tests.Activities;

/// <summary>The step activity on a real folder store, every store call it makes on node keys counted.</summary>
public sealed class RunNodeStepActivityTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dd-step-").FullName;
    private readonly ConcurrentQueue<(string Operation, string Key)> _calls = new();
    private int _failuresLeft;
    private LoopbackServer _server = null!;
    private ServiceProvider _services = null!;
    private string _hash = "";

    private ICheckpointStore Store => _services.GetRequiredService<ICheckpointStore>();

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync(app => app.MapGet("/work", () =>
            Interlocked.Decrement(ref _failuresLeft) >= 0 ? Results.StatusCode(500) : Results.Json(new { ok = true })));
        _services = new ServiceCollection()
            .AddSingleton<IObjectStore>(new CallLog(new FolderObjectStore(_folder), _calls))
            .AddSingleton<TimeProvider>(new ManualTimeProvider())
            .AddDurableDagsEngine()
            .BuildServiceProvider();
        var yaml = $"""
            id: steps
            nodes:
              a: {"{"} type: noop {"}"}
              call:
                type: http
                with: {"{"} url: "{_server.Url("/work")}" {"}"}
            """;
        _hash = (await Store.PutDagAsync("steps", yaml, "steps.yaml")).Version.Hash;
        await Store.StartRunAsync(new RunRecord
        {
            DagId = "steps", RunId = "r1", DagVersion = 1, DagHash = _hash, State = RunState.Running,
            Trigger = new RunTrigger { Kind = TriggerKind.Http }, CreatedAt = DateTimeOffset.UnixEpoch,
        });
    }

    [Fact]
    public async Task A_first_attempt_that_succeeds_creates_its_node_record_then_replaces_it_once_and_reads_nothing()
    {
        await StepAsync("call", attempt: 1); // the DAG version and the run are read once per process
        _calls.Clear();

        var result = await StepAsync("a", attempt: 1);

        Assert.Equal(NodeStepKind.Succeeded, result.Kind);
        Assert.Equal([("create", "runs/steps/r1/nodes/a.json"), ("put-if-match", "runs/steps/r1/nodes/a.json")], _calls);
        var record = (await Store.GetNodeAsync("steps", "r1", new NodeInstance("a")))!.Value;
        Assert.Equal((NodeState.Succeeded, 1), (record.State, record.Attempts));
        Assert.Equal(NodeState.Succeeded, Assert.Single(await Store.ListAttemptsAsync("steps", "r1", new NodeInstance("a"))).State);
    }

    [Fact]
    public async Task A_repeated_step_of_an_attempt_that_ended_answers_its_outcome_without_calling_again()
    {
        var first = await StepAsync("call", attempt: 1);
        var again = await StepAsync("call", attempt: 1);

        Assert.Equal((NodeStepKind.Succeeded, NodeStepKind.Succeeded), (first.Kind, again.Kind));
        Assert.Equal(1, _server.CountOf("/work"));
    }

    [Fact]
    public async Task A_retry_archives_the_failed_attempt_and_both_are_listed()
    {
        _failuresLeft = 1;

        var failed = await StepAsync("call", attempt: 1);
        var succeeded = await StepAsync("call", attempt: 2);

        Assert.Equal((NodeStepKind.Failed, NodeStepKind.Succeeded), (failed.Kind, succeeded.Kind));
        var attempts = await Store.ListAttemptsAsync("steps", "r1", new NodeInstance("call"));
        Assert.Equal([(1, NodeState.Failed), (2, NodeState.Succeeded)], attempts.Select(a => (a.Attempt, a.State)));
        Assert.Contains(failed.Error!, attempts[0].Error, StringComparison.Ordinal);
        Assert.Contains(("put", "runs/steps/r1/attempts/call/0001.json"), _calls);
        Assert.Equal(2, (await Store.GetNodeAsync("steps", "r1", new NodeInstance("call")))!.Value.LatestAttempt!.Number);
    }

    [Fact]
    public async Task A_step_whose_attempt_the_orchestrator_already_ended_keeps_that_end_and_calls_nothing()
    {
        var timedOut = new NodeStateChange { NodeId = "call", State = NodeState.UpForRetry, Attempts = 1, EndedAttempt = 1, Error = "attempt 1 timed out" };
        await _services.GetRequiredService<RecordNodeStatesActivity>().RunAsync(new RecordNodeStatesInput("steps", "r1", [timedOut]), CancellationToken.None);

        var result = await StepAsync("call", attempt: 1);

        Assert.Equal((NodeStepKind.Failed, "attempt 1 timed out"), (result.Kind, result.Error));
        Assert.Equal(0, _server.CountOf("/work"));
        var attempt = Assert.Single(await Store.ListAttemptsAsync("steps", "r1", new NodeInstance("call")));
        Assert.Equal(NodeState.Failed, attempt.State);
    }

    private Task<NodeStepResult> StepAsync(string nodeId, int attempt) =>
        _services.GetRequiredService<RunNodeStepActivity>().RunAsync(new NodeStepInput
        {
            DagId = "steps", RunId = "r1", DagHash = _hash, NodeId = nodeId, Attempt = attempt, Step = 1,
        }, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The real store, with each call on node and attempt keys logged as it is made.</summary>
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
            if (key.Contains("/nodes/", StringComparison.Ordinal) || key.Contains("/attempts/", StringComparison.Ordinal))
            {
                calls.Enqueue((operation, key));
            }

            return key;
        }
    }
}
