using System.Diagnostics;
using System.Globalization;
using System.Text;
using DurableDags.Core.States;
using DurableDags.Functions.Tests.Hosting;
using DurableDags.Orchestration.Contracts;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace DurableDags.Functions.Tests.Measurements;

/// <summary>
/// History on the real Durable Task worker for large runs (bench/results.md, "History on the real
/// worker"): events per node, the largest generation, the ContinueAsNew input, and the past
/// events replayed per node. Each asserts the documented bound: no generation over the budget.
/// </summary>
public sealed class HistoryMeasurement(ITestOutputHelper output)
{
    private const string Passed = "type: wait, with: { until: \"2000-01-01T00:00:00Z\" }";

    [MeasureFact]
    public Task A_3000_node_dag_with_the_default_budget() =>
        MeasureAsync("wide", DagRunInput.DefaultHistoryEventBudget, 3000, chains: 100, maxParallel: 64);

    [MeasureFact]
    public Task A_150_node_chain_with_a_budget_of_200() =>
        MeasureAsync("chain", 200, 150, chains: 1, maxParallel: 4);

    private async Task MeasureAsync(string dagId, int budget, int nodes, int chains, int maxParallel)
    {
        await using var host = await DurableWorkerHost.StartAsync(budget);
        var perChain = nodes / chains;
        var yaml = new StringBuilder().Append(CultureInfo.InvariantCulture, $"id: {dagId}\nmaxParallelNodes: {maxParallel}\nnodes:\n");
        for (var i = 0; i < nodes; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  n{i}: {{ {Passed}{(i % perChain == 0 ? "" : $", needs: [n{i - 1}]")} }}\n");
        }

        await host.PutDagAsync(dagId, yaml.ToString());
        var clock = Stopwatch.StartNew();
        await host.StartRunAsync(dagId);
        var completion = host.Client.WaitForInstanceCompletionAsync(DagActivityNames.InstanceIdOf(dagId, "r1"), getInputsAndOutputs: true,
            new CancellationTokenSource(TimeSpan.FromMinutes(30)).Token);
        await ReportGenerationsAsync(host, dagId, completion, clock);
        var done = await completion;
        clock.Stop();

        Assert.Equal(RunState.Succeeded, done.ReadOutputAs<DagRunResult>()!.State);
        var generations = host.GenerationsOf(dagId);
        var events = generations.Sum(g => g.Events);
        var replayed = generations.Sum(g => g.Replayed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{dagId}: {nodes} nodes, budget {budget}, {clock.Elapsed.TotalSeconds:F1} s, {generations.Count} generations; " +
            $"history events {events} ({(double)events / nodes:F2} per node), largest generation {generations.Max(g => g.Events)}, " +
            $"ContinueAsNew input at most {generations.Skip(1).Select(g => g.ContinueAsNewInputChars).DefaultIfEmpty().Max()} chars, " +
            $"replayed events {replayed} ({(double)replayed / nodes:F1} per node)"));
        Assert.All(generations, g => Assert.InRange(g.Events, 1, budget));
    }

    /// <summary>
    /// A long run on a busy machine: each generation's numbers are appended to the file
    /// DD_MEASURE_LOG names as soon as the next one starts, so a run cut short still tells.
    /// </summary>
    private static async Task ReportGenerationsAsync(DurableWorkerHost host, string dagId, Task completion, Stopwatch clock)
    {
        if (Environment.GetEnvironmentVariable("DD_MEASURE_LOG") is not { } log)
        {
            return;
        }

        var reported = 0;
        while (!completion.IsCompleted)
        {
            var generations = host.GenerationsOf(dagId);
            for (; reported < generations.Count - 1; reported++)
            {
                var g = generations[reported];
                var nodes = (await host.Store.ListNodesAsync(dagId, "r1", CancellationToken.None)).Count(n => n.State.IsFinal());
                await File.AppendAllTextAsync(log, string.Create(CultureInfo.InvariantCulture,
                    $"{dagId} generation {reported + 1} done at {clock.Elapsed.TotalSeconds:F0} s: {g.Events} events, {g.Replayed} replayed, " +
                    $"input {g.ContinueAsNewInputChars} chars; {nodes} nodes final so far\n"));
            }

            await Task.WhenAny(completion, Task.Delay(TimeSpan.FromSeconds(2)));
        }
    }
}
