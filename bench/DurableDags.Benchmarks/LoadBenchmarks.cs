using BenchmarkDotNet.Attributes;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;

namespace DurableDags.Benchmarks;

/// <summary>Load + validate of a generated DAG from its YAML text (target: under 300 ms for 10,000 nodes).</summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private string _text = string.Empty;

    [Params(10_000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = LargeDag.Text(Nodes);
        LargeDag.Load(_text);
    }

    [Benchmark]
    public DagLoadResult LoadAndValidate() => DagLoader.Load(LargeDag.FileName, _text, OperatorCatalog.BuiltIn);
}
