using System.CommandLine;
using DurableDags.Api.Files;
using DurableDags.Core.Operators;

namespace DurableDags.Cli.Commands;

/// <summary>
/// <c>dags validate PATH...</c>: loads every DAG file under the paths and prints each error as
/// <c>file:line:col: message</c> on stderr, as compilers do, then one summary line on stdout.
/// Exit 0 when every file is valid, 1 when one is not, 2 for a bad call. See docs/cli.md.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "DAG files, or folders searched recursively for *.yaml, *.yml and *.json files.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Check DAG files and report every error with its file, line and column.") { paths };
        command.SetAction((parsed, cancellationToken) => RunAsync(
            parsed.GetRequiredValue(paths),
            parsed.InvocationConfiguration.Output,
            parsed.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (found, usageError) = DagPaths.Expand(paths);
        if (usageError is not null)
        {
            await error.WriteLineAsync($"dags validate: {usageError}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var files = DuplicateDagIds.Check(DagFile.LoadAll(found, OperatorCatalog.BuiltIn, cancellationToken));
        foreach (var diagnostic in files.SelectMany(f => f.Diagnostics))
        {
            await error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
        }

        var invalid = files.Count(f => !f.IsValid);
        var errors = files.Sum(f => f.Result.ErrorCount);
        await output.WriteLineAsync(
            $"{Count(files.Length, "file")}, {files.Length - invalid} valid, {invalid} invalid, {Count(errors, "error")}").ConfigureAwait(false);
        return invalid == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
