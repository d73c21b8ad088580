using System.CommandLine;
using DurableDags.Api.Files;
using DurableDags.Cli.Testing;
using DurableDags.Core.Testing;

namespace DurableDags.Cli.Commands;

/// <summary>
/// <c>dags test PATH... [--junit FILE]</c>: runs DAG test files (<c>*.test.yaml</c> next to the
/// DAGs) on the real engine against canned HTTP responses, with no network and virtual time.
/// Exit 0 when every test passed, 1 when one failed or a file is invalid, 2 for a bad call. See docs/testing.md.
/// </summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Test files (*.test.yaml), or folders searched recursively for them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var junit = new Option<string?>("--junit") { Description = "Also write the results as JUnit XML to this file, for CI." };
        var command = new Command("test", "Run DAG tests: canned HTTP responses, no network, virtual time.") { paths, junit };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            parsed.GetRequiredValue(paths), parsed.GetValue(junit),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, string? junit, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (files, usageError) = Expand(paths);
        if (usageError is not null)
        {
            await error.WriteLineAsync($"dags test: {usageError}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var results = new List<DagTestFileResult>();
        foreach (var file in files)
        {
            await output.WriteLineAsync(file).ConfigureAwait(false);
            var result = await DagTestRunner.RunFileAsync(file, test => Print(output, test), cancellationToken).ConfigureAwait(false);
            foreach (var problem in result.Errors)
            {
                await output.WriteLineAsync($"  ERROR {problem}").ConfigureAwait(false);
            }

            results.Add(result);
        }

        var tests = results.Sum(r => r.Tests.Count);
        var failed = results.Sum(r => r.Tests.Count(t => !t.Passed));
        var invalid = results.Count(r => r.Errors.Count > 0);
        var invalidText = invalid == 0 ? "" : $", {invalid} invalid file{(invalid == 1 ? "" : "s")}";
        await output.WriteLineAsync($"{tests} test{(tests == 1 ? "" : "s")}, {tests - failed} passed, {failed} failed{invalidText}").ConfigureAwait(false);
        if (junit is not null)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(junit))!;
            Directory.CreateDirectory(folder);
            JUnitReport.Build(results).Save(junit);
            await output.WriteLineAsync($"JUnit XML written to {junit}").ConfigureAwait(false);
        }

        return results.All(r => r.Passed) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Print(TextWriter output, DagTestResult test)
    {
        var times = $"({test.Elapsed.TotalSeconds:F2}s, {Core.Definitions.Duration.Format(test.VirtualDuration)} of run time)";
        output.WriteLine($"  {(test.Passed ? "PASS" : "FAIL")} {test.Name} {times}");
        foreach (var failure in test.Failures)
        {
            output.WriteLine($"       {failure}");
        }
    }

    /// <summary>Test files as given; folders by every test file under them, in ordinal order, hidden ones left out.</summary>
    private static (IReadOnlyList<string> Files, string? Error) Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                if (!DagTestFile.IsTestFile(path))
                {
                    return ([], $"'{path}' is not a test file: test files are named like the DAG they test, with .test before the extension (nightly.test.yaml)");
                }

                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => DagTestFile.IsTestFile(f) && DagPaths.Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Where(f => !Path.GetRelativePath(path, f).Split(Path.DirectorySeparatorChar).Any(s => s.StartsWith('.')))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    return ([], $"no test files (*.test.yaml, *.test.yml, *.test.json) under '{path}'");
                }

                files.AddRange(found);
            }
            else
            {
                return ([], $"'{path}' does not exist");
            }
        }

        return (files.Distinct().ToList(), null);
    }
}
