using DurableDags.Core.States;
using DurableDags.Engine.Runs;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Orchestration.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Runs;

/// <summary>
/// A run's start answers once its record and active marker are written; its orchestration starts
/// from the launcher's queue. A harness started without resuming keeps that queue from running,
/// which is what a crash right after the answer leaves behind.
/// </summary>
public sealed class RunStartQueueTests : IAsyncLifetime
{
    private const string InstanceId = "calls.r1";
    private readonly DagRunHarness _harness = new();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await _harness.ServeAsync(app => app.MapPost("/{name}", (string name) => Results.Json(new { name })));

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_run_answered_before_its_orchestration_started_is_started_by_the_next_resume_after_a_crash()
    {
        await _harness.StartAsync(resume: false);
        await PutDagAsync();

        var start = await _harness.Launcher.StartRunAsync(new RunLaunch { DagId = "calls", RunId = "r1" }, EngineHarness.Deadline());

        Assert.True(start.Created);
        Assert.Null(await _harness.Engine.GetInstanceAsync(InstanceId, EngineHarness.Deadline()));
        Assert.Equal(["r1"], (await _harness.Store.ListActiveRunsAsync("calls", EngineHarness.Deadline())).Select(r => r.RunId));
        await _harness.StopAsync();

        await _harness.StartAsync();
        var result = await _harness.WaitAsync("calls");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Equal((1, 1), (_server.CountOf("/a"), _server.CountOf("/b")));
    }

    [Fact]
    public async Task A_queued_run_starts_and_ends_without_anyone_waiting_for_it()
    {
        await _harness.StartAsync();
        await PutDagAsync();

        await _harness.StartRunAsync("calls");

        await EngineHarness.UntilAsync(async () => (await _harness.RunAsync("calls")).State == RunState.Succeeded);
        Assert.Equal((1, 1), (_server.CountOf("/a"), _server.CountOf("/b")));
    }

    [Fact]
    public async Task Repeated_starts_while_the_first_is_queued_make_one_run_and_one_orchestration()
    {
        await _harness.StartAsync(resume: false);
        await PutDagAsync();

        var first = await _harness.Launcher.StartRunAsync(new RunLaunch { DagId = "calls", IdempotencyKey = "k" }, EngineHarness.Deadline());
        var byKey = await _harness.Launcher.StartRunAsync(new RunLaunch { DagId = "calls", IdempotencyKey = "k" }, EngineHarness.Deadline());
        var byId = await _harness.Launcher.StartRunAsync(new RunLaunch { DagId = "calls", RunId = first.Run.Value.RunId }, EngineHarness.Deadline());
        await _harness.Launcher.ResumeAsync(EngineHarness.Deadline());
        var result = await _harness.WaitAsync("calls", first.Run.Value.RunId);

        Assert.Equal((true, false, false), (first.Created, byKey.Created, byId.Created));
        Assert.Equal([first.Run.Value.RunId, first.Run.Value.RunId], new[] { byKey.Run.Value.RunId, byId.Run.Value.RunId });
        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
        Assert.Equal((1, 1), (_server.CountOf("/a"), _server.CountOf("/b")));
    }

    [Fact]
    public async Task A_cancel_of_a_run_whose_start_is_still_queued_reaches_its_orchestration_and_ends_it_cancelled()
    {
        await _harness.StartAsync(resume: false);
        await PutDagAsync();
        await _harness.StartRunAsync("calls");

        var cancelled = await _harness.Launcher.CancelRunAsync("calls", "r1", EngineHarness.Deadline());
        var result = await _harness.WaitAsync("calls");

        Assert.True(cancelled);
        Assert.Equal(RunState.Cancelled, result.State);
        Assert.Equal(RunState.Cancelled, (await _harness.RunAsync("calls")).State);
        // The cancel went to the orchestration as its event, not past it: the forced path's error is absent.
        Assert.Null((await _harness.RunAsync("calls")).Error);
    }

    [Fact]
    public async Task A_wait_for_a_run_whose_start_is_still_queued_starts_it()
    {
        await _harness.StartAsync(resume: false);
        await PutDagAsync();
        await _harness.StartRunAsync("calls");

        var result = await _harness.Launcher.WaitForRunAsync("calls", "r1", EngineHarness.Deadline());

        Assert.Equal(new DagRunResult("r1", RunState.Succeeded, null), result);
    }

    private Task PutDagAsync() => _harness.PutDagAsync("calls", $$$"""
        id: calls
        nodes:
          a: { type: http, with: { method: POST, url: "{{{_server.Url("/a")}}}" } }
          b: { needs: [a], type: http, with: { method: POST, url: "{{{_server.Url("/b")}}}" } }
        """);
}
