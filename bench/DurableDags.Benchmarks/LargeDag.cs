using DurableDags.Core.Definitions;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;

namespace DurableDags.Benchmarks;

/// <summary>The generated DAG every benchmark uses, loaded once and checked to be valid, so a benchmark never measures an error path.</summary>
public static class LargeDag
{
    public const string FileName = "layered.yaml";

    public static string Text(int nodes) => new LayeredDagGenerator(nodes).Generate();

    public static DagDefinition Load(string text)
    {
        var result = DagLoader.Load(FileName, text, OperatorCatalog.BuiltIn);
        if (!result.IsValid)
        {
            var errors = string.Join(Environment.NewLine, result.Diagnostics.Take(10));
            throw new InvalidOperationException($"the generated DAG is not valid ({result.Diagnostics.Length} errors):{Environment.NewLine}{errors}");
        }

        return result.Dag!;
    }
}
