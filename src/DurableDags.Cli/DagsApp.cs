using System.CommandLine;
using DurableDags.Cli.Commands;

namespace DurableDags.Cli;

/// <summary>
/// The <c>dags</c> command line with its output streams passed in, so tests run it in-process
/// exactly as <see cref="Program"/> does with the console.
/// </summary>
internal static class DagsApp
{
    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = new RootCommand("DurableDags: Airflow-style DAGs on Azure Durable Functions, or right here.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);

        // System.CommandLine answers parse errors with exit code 1 and the whole help text; CI
        // scripts tell bad calls from bad DAGs by exit code 2, and a short line is easier to read.
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync($"dags: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync("Try 'dags --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
