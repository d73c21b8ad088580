using DurableDags.Engine.Embedded.History;
using DurableDags.Engine.Embedded.Runtime;

namespace DurableDags.Engine.Tests.Embedded;

/// <summary>
/// Turns that only start or end activities may wait up to <c>HistoryWriteDelay</c> and land in
/// history as one chunk; every other turn is written at once.
/// </summary>
public sealed class HistoryWriteDelayTests : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);
    private readonly EngineHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(0, 5)] // the start, the resume's first step, then one chunk per turn
    [InlineData(3_600_000, 3)] // the start, the resume's first step, then the three turns with the end
    public async Task Turns_of_activities_within_the_delay_land_in_history_as_one_chunk(int delayMs, int chunks)
    {
        var chain = new StepChain();
        var engine = await _harness.StartEngineAsync(chain.Catalog(holdSecond: false), historyWriteDelay: TimeSpan.FromMilliseconds(delayMs));
        await engine.StartNewAsync("steps", "i1", "", EngineHarness.Deadline());

        var done = await engine.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal("FIRST-SECOND-THIRD", done.Output!.Value.GetString());
        Assert.Equal(chunks, Directory.GetFiles(Path.Combine(_harness.Folder, "orchestrations", "instances", "i1", "history", "000000")).Length);
        var history = await _harness.Store.ReadHistoryAsync("i1", 0, EngineHarness.Deadline());
        Assert.Equal(3, history.OfType<TaskCompleted>().Count());
        Assert.Equal(done.TotalEvents, history.Count);
    }

    [Fact]
    public async Task A_stop_before_the_turns_are_written_runs_their_activities_again()
    {
        var chain = new StepChain();
        var engine = await _harness.StartEngineAsync(chain.Catalog(holdSecond: true), historyWriteDelay: Long);
        await engine.StartNewAsync("steps", "i1", "", EngineHarness.Deadline());
        await chain.InFlight.Task.WaitAsync(EngineHarness.Deadline());
        Assert.Empty((await _harness.Store.ReadHistoryAsync("i1", 0, EngineHarness.Deadline())).OfType<TaskCompleted>());
        await engine.DisposeAsync();

        var next = await _harness.StartEngineAsync(chain.Catalog(holdSecond: false), historyWriteDelay: TimeSpan.Zero);
        var done = await next.WaitForCompletionAsync("i1", EngineHarness.Deadline());

        Assert.Equal("FIRST-SECOND-THIRD", done.Output!.Value.GetString());
        Assert.Equal([2, 2, 1], chain.Counts);
    }

    [Fact]
    public async Task A_turn_that_arms_a_timer_is_written_at_once()
    {
        var catalog = new OrchestrationCatalog()
            .AddActivity<string, string>("step", (name, _) => Task.FromResult(name))
            .AddOrchestrator<string, string>("step-then-sleep", async (context, _) =>
            {
                var name = await context.CallActivityAsync<string>("step", "first");
                await context.CreateTimer(context.CurrentUtcDateTime.AddHours(1), CancellationToken.None);
                return name;
            });
        var engine = await _harness.StartEngineAsync(catalog, historyWriteDelay: Long);
        await engine.StartNewAsync("step-then-sleep", "i1", "", EngineHarness.Deadline());

        await EngineHarness.UntilAsync(async () =>
            (await _harness.Store.ReadHistoryAsync("i1", 0, EngineHarness.Deadline())).OfType<TimerCreated>().Any());

        var history = await _harness.Store.ReadHistoryAsync("i1", 0, EngineHarness.Deadline());
        Assert.Single(history.OfType<TaskCompleted>());
    }
}
