using BenchmarkDotNet.Attributes;
using DurableDags.Core.Definitions;
using DurableDags.Core.Planning;
using DurableDags.Core.States;

namespace DurableDags.Benchmarks;

/// <summary>
/// The graph of a loaded DAG, and a full simulated run through the planner where every node
/// succeeds at once (target: under 50 ms for 10,000 nodes). The graph is built once per DAG and
/// shared by its runs, so the run is measured without it.
/// </summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private DagDefinition? _dag;
    private DagGraph? _graph;

    [Params(10_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dag = LargeDag.Load(LargeDag.Text(Nodes));
        _graph = DagGraph.Build(_dag);
        var (state, attempts) = SimulatedRun.Run(_graph);
        if (state != RunState.Succeeded || attempts != Nodes)
        {
            throw new InvalidOperationException($"the simulated run ended {state} after {attempts} attempts; expected succeeded after {Nodes}");
        }
    }

    [Benchmark]
    public DagGraph BuildGraph() => DagGraph.Build(_dag!);

    [Benchmark]
    public RunState FullRun() => SimulatedRun.Run(_graph!).State;
}
