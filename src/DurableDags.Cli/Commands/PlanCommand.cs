using System.CommandLine;
using DurableDags.Api.Files;
using DurableDags.Cli.Plans;
using DurableDags.Core.Operators;
using DurableDags.Core.Planning;

namespace DurableDags.Cli.Commands;

/// <summary>
/// <c>dags plan FILE [--json]</c>: the order a run takes, as parallel waves, the longest path and
/// counts. An invalid file prints its errors as <c>dags validate</c> does and exits 1. See docs/cli.md.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "One DAG file (*.yaml, *.yml or *.json)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object for machines instead of text." };
        var command = new Command("plan", "Show the execution order as parallel waves and the longest path.") { file, json };
        command.SetAction((parsed, _) => RunAsync(
            parsed.GetRequiredValue(file),
            parsed.GetValue(json),
            parsed.InvocationConfiguration.Output,
            parsed.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(string path, bool json, TextWriter output, TextWriter error)
    {
        if (!File.Exists(path))
        {
            var problem = Directory.Exists(path) ? "is a folder; plan takes one DAG file" : "does not exist";
            await error.WriteLineAsync($"dags plan: '{path}' {problem}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var loaded = DagFile.Load(path, OperatorCatalog.BuiltIn);
        if (!loaded.IsValid)
        {
            if (json)
            {
                await output.WriteLineAsync(PlanJson.FormatErrors(path, loaded.Diagnostics)).ConfigureAwait(false);
            }

            foreach (var diagnostic in loaded.Diagnostics)
            {
                await error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.Failed;
        }

        var plan = PlanSummary.Of(DagGraph.Build(loaded.Result.Dag!), path);
        await output.WriteAsync(json ? PlanJson.Format(plan) + Environment.NewLine : PlanText.Format(plan)).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
