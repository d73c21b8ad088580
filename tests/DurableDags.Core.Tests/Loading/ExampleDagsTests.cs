using DurableDags.Core.Definitions;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;
using DurableDags.Core.Testing;

namespace DurableDags.Core.Tests.Loading;

/// <summary>The example DAGs users copy from: each must load without a single diagnostic.</summary>
public class ExampleDagsTests
{
    private static string[] Names() =>
        [.. Directory.EnumerateFiles(RepoFiles.Path("examples", "dags")).Where(f => !DagTestFile.IsTestFile(f)).Select(f => Path.GetFileName(f)).Order()];

    public static TheoryData<string> Examples() => [.. Names()];

    [Theory]
    [MemberData(nameof(Examples))]
    public void An_example_loads_without_diagnostics(string file)
    {
        var result = DagLoader.Load(file, File.ReadAllText(RepoFiles.Path("examples", "dags", file)), OperatorCatalog.BuiltIn);
        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.True(result.IsValid);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void An_example_names_the_schema_for_editors(string file)
    {
        Assert.StartsWith("# yaml-language-server: $schema=../../schema/dag.schema.json\n",
            File.ReadAllText(RepoFiles.Path("examples", "dags", file)).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_examples_users_recognise_are_all_there()
    {
        Assert.Superset(
            new HashSet<string> { "customer-reports.yaml", "ml-pipeline.yaml", "nightly-batch.yaml", "pricing-experiment.yaml" },
            Names().ToHashSet());
    }

    [Fact]
    public void The_batch_example_has_a_dozen_nodes_parallel_branches_and_an_all_done_join()
    {
        var dag = DagLoader.Load("nightly-batch.yaml", File.ReadAllText(RepoFiles.Path("examples", "dags", "nightly-batch.yaml")), OperatorCatalog.BuiltIn).Dag!;
        Assert.True(dag.Nodes.Length >= 12);
        Assert.True(dag.Nodes.Count(n => n.Needs.SequenceEqual(["exports-ready"])) >= 3);
        Assert.Contains(dag.Nodes, n => n.Trigger == TriggerRule.AllDone && n.Needs.Length >= 3);
    }
}
