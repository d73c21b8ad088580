using DurableDags.Core.States;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Engine.Tests.Runs;

/// <summary>
/// Event names as Durable Task treats them, on the embedded engine too: matched without regard
/// to case, and the engine's own names (the cancel event) never raised by a caller.
/// </summary>
public sealed class EmbeddedRunLauncherEventNameTests : IAsyncLifetime
{
    private readonly DagRunHarness _harness = new();

    public async Task InitializeAsync()
    {
        await _harness.StartAsync();
        await _harness.PutDagAsync("gate", """
            id: gate
            nodes:
              approve: { type: approval, with: { event: approve } }
              after: { type: noop, needs: [approve] }
            """);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task An_event_raised_in_another_case_releases_the_node_waiting_for_it()
    {
        await _harness.StartRunAsync("gate");
        await _harness.UntilNodeAsync("gate", "approve", n => n.State == NodeState.Waiting);

        Assert.True(await _harness.Launcher.RaiseEventAsync("gate", "r1", "APPROVE", null, EngineHarness.Deadline()));
        var result = await _harness.WaitAsync("gate");

        Assert.Equal((RunState.Succeeded, null), (result.State, result.Error));
    }

    [Theory]
    [InlineData(DagActivityNames.CancelEvent)]
    [InlineData("DD.Cancel")]
    [InlineData("dd.anything")]
    public async Task The_engines_own_event_names_cannot_be_raised_and_the_run_goes_on(string name)
    {
        await _harness.StartRunAsync("gate");
        await _harness.UntilNodeAsync("gate", "approve", n => n.State == NodeState.Waiting);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _harness.Launcher.RaiseEventAsync("gate", "r1", name, null, EngineHarness.Deadline()));

        Assert.StartsWith($"Event '{name}' cannot be raised: names starting with 'dd.' are reserved for the engine.", error.Message, StringComparison.Ordinal);
        Assert.Equal(RunState.Running, (await _harness.RunAsync("gate")).State);
    }
}
