using DurableDags.Core.Definitions;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;

namespace DurableDags.Core.Tests.Loading;

/// <summary>Loads DAG text the way the CLI and server do, for tests that assert on messages.</summary>
internal static class Load
{
    public const string File = "test.yaml";

    public static DagLoadResult Text(string text, OperatorCatalog? operators = null) =>
        DagLoader.Load(File, text, operators ?? OperatorCatalog.BuiltIn);

    /// <summary>The messages as the CLI prints them: <c>test.yaml:3:5: ...</c>.</summary>
    public static string[] Errors(string text, OperatorCatalog? operators = null) =>
        [.. Text(text, operators).Diagnostics.Select(d => d.ToString())];

    /// <summary>A DAG that must load without a single diagnostic.</summary>
    public static DagDefinition Valid(string text, OperatorCatalog? operators = null)
    {
        var result = Text(text, operators);
        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        return result.Dag!;
    }
}
