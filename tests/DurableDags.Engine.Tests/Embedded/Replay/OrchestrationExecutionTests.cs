using DurableDags.Engine.Embedded.History;
using DurableDags.Engine.Embedded.Runtime;

namespace DurableDags.Engine.Tests.Embedded.Replay;

public sealed class OrchestrationExecutionTests : IAsyncLifetime
{
    private readonly EngineHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task A_replay_that_schedules_something_else_than_history_fails_the_instance_as_non_deterministic()
    {
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        OrchestrationCatalog Catalog(string firstActivity) => new OrchestrationCatalog()
            .AddActivity<string, string>("a", (x, _) => Task.FromResult(x))
            .AddActivity<string, string>("b", (x, _) => Task.FromResult(x))
            .AddActivity<string, string>("hold", async (x, ct) =>
            {
                inFlight.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return x;
            })
            .AddOrchestrator<string, string>("changing", async (context, _) =>
            {
                await context.CallActivityAsync<string>(firstActivity, "x");
                return await context.CallActivityAsync<string>("hold", "y");
            });
        var engine = await _harness.StartEngineAsync(Catalog("a"));
        await engine.StartNewAsync("changing", "i1", "", EngineHarness.Deadline());
        await inFlight.Task.WaitAsync(EngineHarness.Deadline());
        await engine.DisposeAsync();

        var next = await _harness.StartEngineAsync(Catalog("b"));
        var done = await next.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.Status);
        Assert.Contains("Non-deterministic orchestrator in instance 'i1': history has activity 'a' (task #0), " +
            "but the replayed orchestrator scheduled activity 'b' (task #0).", done.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_orchestrator_that_awaits_a_task_not_from_its_context_fails_with_the_reason()
    {
        var outside = new TaskCompletionSource<int>();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var catalog = new OrchestrationCatalog()
            .AddOrchestrator<string, int>("impure", async (_, _) => await new SignalledAwait<int>(outside.Task, waiting));
        var engine = await _harness.StartEngineAsync(catalog);
        await engine.StartNewAsync("impure", "i1", "", EngineHarness.Deadline());
        await waiting.Task.WaitAsync(EngineHarness.Deadline());
        await Task.Run(() => outside.SetResult(1));
        var done = await engine.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.Status);
        Assert.StartsWith("The orchestrator awaited a task that is not durable", done.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_timer_ends_its_task_at_once_and_leaves_no_timer_armed()
    {
        var catalog = new OrchestrationCatalog()
            .AddOrchestrator<string, string>("cancelling", async (context, _) =>
            {
                using var cancel = new CancellationTokenSource();
                var timer = context.CreateTimer(context.CurrentUtcDateTime.AddDays(1), cancel.Token);
                var go = context.WaitForExternalEvent<string>("go", CancellationToken.None);
                await Task.WhenAny(timer, go);
                cancel.Cancel();
                return timer.IsCanceled ? await go : "timer";
            });
        var engine = await _harness.StartEngineAsync(catalog);
        await engine.StartNewAsync("cancelling", "i1", "", EngineHarness.Deadline());
        await _harness.Time.WaitForTimersAsync(1, EngineHarness.Deadline());
        await engine.RaiseEventAsync("i1", "go", "event", EngineHarness.Deadline());
        var done = await engine.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal("event", done.Output!.Value.GetString());
        await EngineHarness.UntilAsync(() => Task.FromResult(_harness.Time.PendingTimers == 0));
    }

    /// <summary>
    /// Awaits a task and signals once the await is registered, so the test completes that task only
    /// after the orchestrator is really suspended on it (and not before it reached the await).
    /// </summary>
    private sealed class SignalledAwait<T>(Task<T> inner, TaskCompletionSource registered) : System.Runtime.CompilerServices.INotifyCompletion
    {
        public bool IsCompleted => inner.IsCompleted;

        public SignalledAwait<T> GetAwaiter() => this;

        public T GetResult() => inner.GetAwaiter().GetResult();

        public void OnCompleted(Action continuation)
        {
            inner.GetAwaiter().OnCompleted(continuation);
            registered.SetResult();
        }
    }
}
