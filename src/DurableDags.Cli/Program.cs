using System.CommandLine;
using DurableDags.Cli.Commands;

namespace DurableDags.Cli;

internal static class Program
{
    /// <summary>Exit codes: 0 success, 1 the DAGs or the run failed, 2 usage errors.</summary>
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("DurableDags: Airflow-style DAGs on Azure Durable Functions, or right here.");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"dags: {error.Message}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync().ConfigureAwait(false);
    }
}
