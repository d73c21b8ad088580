using System.Text.Json;

namespace DurableDags.Cli.Remote;

/// <summary>Polls a run on the server, printing each node's state change, until the run ends; also prints a run's node table.</summary>
internal static class RunWatcher
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    public static async Task<JsonElement> FollowAsync(ServerClient client, string path, TextWriter output, CancellationToken ct)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var run = await client.GetAsync(path, ct).ConfigureAwait(false);
            foreach (var (node, state, error) in Nodes(run))
            {
                if (state != "pending" && (!seen.TryGetValue(node, out var last) || last != state))
                {
                    seen[node] = state;
                    await output.WriteLineAsync($"{node} {state}{(error is null ? "" : $": {error}")}").ConfigureAwait(false);
                }
            }

            if (run.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled")
            {
                return run;
            }

            await Task.Delay(Interval, ct).ConfigureAwait(false);
        }
    }

    public static async Task WriteAsync(JsonElement run, TextWriter output)
    {
        var error = run.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? $": {e.GetString()}" : "";
        await output.WriteLineAsync($"{run.GetProperty("dagId").GetString()}/{run.GetProperty("runId").GetString()} {run.GetProperty("state").GetString()}{error}").ConfigureAwait(false);
        foreach (var (node, state, nodeError) in Nodes(run))
        {
            await output.WriteLineAsync($"  {node,-24} {state,-16} {nodeError}".TrimEnd()).ConfigureAwait(false);
        }
    }

    /// <summary>Every node, and each map item of a foreach node as <c>node.N</c>.</summary>
    private static IEnumerable<(string Node, string State, string? Error)> Nodes(JsonElement run)
    {
        if (!run.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var node in nodes.EnumerateArray())
        {
            var id = node.GetProperty("nodeId").GetString()!;
            yield return (id, node.GetProperty("state").GetString()!, ErrorOf(node));
            if (node.TryGetProperty("instances", out var instances) && instances.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in instances.EnumerateArray())
                {
                    yield return ($"{id}.{item.GetProperty("index").GetInt32()}", item.GetProperty("state").GetString()!, ErrorOf(item));
                }
            }
        }
    }

    private static string? ErrorOf(JsonElement node) =>
        node.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null;
}
