using System.Diagnostics;
using DurableDags.Api.Files;
using DurableDags.Core.Definitions;
using DurableDags.Core.Operators;
using DurableDags.Core.Testing;

namespace DurableDags.Cli.Testing;

/// <summary>
/// Runs a test file: loads it and its DAG (every error with file:line), checks the nodes it names,
/// then runs each test on a fresh engine and store. The other DAG files of the DAG's folder are
/// registered too, so a <c>dag</c> node can start them.
/// </summary>
internal static class DagTestRunner
{
    public static async Task<DagTestFileResult> RunFileAsync(string path, Action<DagTestResult>? onTest, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (file, dags, errors) = Load(path);
        if (errors.Count > 0)
        {
            return new DagTestFileResult(path, [], errors, clock.Elapsed);
        }

        var results = new List<DagTestResult>();
        foreach (var test in file!.Tests)
        {
            var started = Stopwatch.StartNew();
            DagTestRun run;
            try
            {
                run = await DagTestHarness.RunAsync(test, path, dags, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                // The engine could not be set up for tests (an operator the fake endpoint cannot serve).
                return new DagTestFileResult(path, results, [$"{path}: {e.Message}"], clock.Elapsed);
            }

            var result = new DagTestResult(test.Name, ExpectationCheck.Failures(test, run), started.Elapsed, run.VirtualDuration);
            onTest?.Invoke(result);
            results.Add(result);
        }

        return new DagTestFileResult(path, results, [], clock.Elapsed);
    }

    private static (DagTestFile? File, IReadOnlyList<(DagDefinition, string, string)> Dags, IReadOnlyList<string> Errors) Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [], [$"{path}: cannot read the file: {e.Message}"]);
        }

        var loaded = DagTestLoader.Load(path, text);
        if (!loaded.IsValid)
        {
            return (null, [], [.. loaded.Diagnostics.Select(d => d.ToString())]);
        }

        var folder = Path.GetDirectoryName(path) ?? ".";
        var dagPath = Path.Join(folder, loaded.File!.Dag);
        if (!File.Exists(dagPath))
        {
            return (null, [], [$"{path}: the DAG file '{dagPath}' it tests does not exist; name it with 'dag:'"]);
        }

        var dag = DagFile.Load(dagPath, OperatorCatalog.BuiltIn);
        if (!dag.IsValid)
        {
            return (null, [], [.. dag.Diagnostics.Select(d => d.ToString())]);
        }

        var checks = DagTestChecks.Check(loaded.File, dag.Result.Dag!);
        if (!checks.IsEmpty)
        {
            return (null, [], [.. checks.Select(d => d.ToString())]);
        }

        // Neighbours that do not load are left out: the tested DAG does not depend on them unless a dag node says so.
        var others = DagPaths.Under(folder)
            .Where(p => Path.GetFullPath(p) != Path.GetFullPath(dagPath))
            .Select(p => DagFile.Load(p, OperatorCatalog.BuiltIn))
            .Where(f => f.IsValid && f.Result.Dag!.Id != dag.Result.Dag!.Id)
            .Select(f => (f.Result.Dag!, f.Source!, f.Path));
        return (loaded.File, [(dag.Result.Dag!, dag.Source!, dagPath), .. others], []);
    }
}
