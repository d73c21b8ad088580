using System.CommandLine;
using DurableDags.Cli.Commands;

namespace DurableDags.Cli.Remote;

/// <summary>What every client command shares: the <c>--server</c> option, and one error line (exit 1) for a server's problem or an unreachable server.</summary>
internal static class RemoteCall
{
    public static Option<string?> ServerOption() =>
        new("--server") { Description = $"The server's URL (default: ${ServerClient.ServerVariable}); the API key is read from ${ServerClient.ApiKeyVariable}." };

    public static async Task<int> RunAsync(string command, string? server, TextWriter error, Func<ServerClient, Task<int>> call)
    {
        var (client, usage) = ServerClient.Create(server);
        if (client is null)
        {
            await error.WriteLineAsync($"dags {command}: {usage}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using (client)
        {
            try
            {
                return await call(client).ConfigureAwait(false);
            }
            catch (ServerProblem problem)
            {
                await error.WriteLineAsync($"dags {command}: {problem.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            catch (HttpRequestException e)
            {
                await error.WriteLineAsync($"dags {command}: cannot reach the server: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        }
    }

    /// <summary><c>DAG/RUNID</c> as its two parts; null when it is not written so.</summary>
    public static (string DagId, string RunId)? ParseRun(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < text.Length - 1 && text.IndexOf('/', slash + 1) < 0 ? (text[..slash], text[(slash + 1)..]) : null;
    }

    public static string Escape(string segment) => Uri.EscapeDataString(segment);
}
