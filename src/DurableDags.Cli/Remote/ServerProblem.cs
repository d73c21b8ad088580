using System.Text.Json;

namespace DurableDags.Cli.Remote;

/// <summary>A server's error answer as one line: the status, then the problem's title, detail and each listed error.</summary>
internal sealed class ServerProblem : Exception
{
    public ServerProblem()
    {
    }

    public ServerProblem(string message)
        : base(message)
    {
    }

    public ServerProblem(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Status { get; private init; }

    public static ServerProblem From(HttpResponseMessage response, JsonElement? body)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var parts = new List<string>();
        if (body is { ValueKind: JsonValueKind.Object } problem)
        {
            foreach (var name in (ReadOnlySpan<string>)["title", "detail"])
            {
                if (problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    parts.Add(value.GetString()!);
                }
            }

            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                parts.AddRange(errors.EnumerateArray().Select(Describe));
            }
        }

        var text = parts.Count == 0 ? response.ReasonPhrase ?? "error" : string.Join("; ", parts);
        return new ServerProblem($"{status} {text}") { Status = status };
    }

    private static string Describe(JsonElement error)
    {
        var message = error.TryGetProperty("message", out var m) ? m.GetString() : error.GetRawText();
        return error.TryGetProperty("line", out var line) ? $"line {line}: {message}" : message ?? error.GetRawText();
    }
}
