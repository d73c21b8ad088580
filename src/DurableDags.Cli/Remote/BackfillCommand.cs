using System.CommandLine;
using System.Text.Json;
using DurableDags.Cli.Commands;

namespace DurableDags.Cli.Remote;

/// <summary><c>dags backfill ID --from DATE --to DATE [--dry-run]</c>: asks the server for a backfill and prints its answer.</summary>
internal static class BackfillCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "The DAG id." };
        var from = new Option<string>("--from") { Description = "First logical date (ISO 8601).", Required = true };
        var to = new Option<string>("--to") { Description = "Last logical date (ISO 8601).", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list the logical dates a backfill would run." };
        var server = RemoteCall.ServerOption();
        var command = new Command("backfill", "Run a DAG once per schedule interval of a date range, on the server.") { id, from, to, dryRun, server };
        command.SetAction((parsed, ct) => RemoteCall.RunAsync("backfill", parsed.GetValue(server), parsed.InvocationConfiguration.Error, async client =>
        {
            var body = new { from = parsed.GetRequiredValue(from), to = parsed.GetRequiredValue(to), dryRun = parsed.GetValue(dryRun) };
            var answer = await client.PostAsync($"api/dags/{RemoteCall.Escape(parsed.GetRequiredValue(id))}/backfills", body, ct).ConfigureAwait(false);
            await parsed.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(answer, Indented)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
