using System.Collections.Concurrent;
using DurableDags.Engine.Embedded.Runtime;
using DurableDags.Orchestration.Context;

namespace DurableDags.Engine.Tests.Embedded;

/// <summary>
/// Orchestrator <c>steps</c>: activity <c>step</c> for "first", "second" and "third" in turn,
/// returning <c>FIRST-SECOND-THIRD</c>. It counts each step's calls, and can hold "second" in
/// flight until <see cref="Gate"/> opens, so a test can stop an engine in the middle.
/// </summary>
public sealed class StepChain
{
    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>Set when a held "second" step is running.</summary>
    public TaskCompletionSource InFlight { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The calls of each step, in order.</summary>
    public int[] Counts => [Calls.GetValueOrDefault("first"), Calls.GetValueOrDefault("second"), Calls.GetValueOrDefault("third")];

    public OrchestrationCatalog Catalog(bool holdSecond) => new OrchestrationCatalog()
        .AddActivity<string, string>("step", async (name, ct) =>
        {
            Calls.AddOrUpdate(name, 1, (_, n) => n + 1);
            if (name == "second" && holdSecond)
            {
                InFlight.TrySetResult();
                await Gate.Task.WaitAsync(ct);
            }

            return name.ToUpperInvariant();
        })
        .AddOrchestrator<string, string>("steps", async (context, _) =>
        {
            var first = await context.CallActivityAsync<string>("step", "first");
            var second = await context.CallActivityAsync<string>("step", "second");
            var third = await context.CallActivityAsync<string>("step", "third");
            return $"{first}-{second}-{third}";
        });
}
