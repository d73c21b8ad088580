using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DurableDags.Cli.Tests;

/// <summary>One <c>dags serve</c> child process on a free port, over the test's folders.</summary>
internal sealed partial class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ServeProcess(Process process)
    {
        _process = process;
    }

    public HttpClient Client { get; private set; } = null!;

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <param name="extra">More arguments for <c>dags serve</c>, such as <c>--demo</c>.</param>
    public static async Task<ServeProcess> StartAsync(string root, params string[] extra)
    {
        var executable = Path.Join(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "dags.exe" : "dags");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var arg in new[] { "serve", "--dags", Path.Join(root, "dags"), "--store", Path.Join(root, "store"), "--urls", "http://127.0.0.1:0" }.Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }

        var server = new ServeProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}"));
        server._process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var deadline = DateTimeOffset.UtcNow + Deadline;
        // The last line it prints once it serves, naming the UI and the API.
        Match? serving;
        while ((serving = server._lines.Select(line => Running().Match(line)).FirstOrDefault(m => m.Success)) is null)
        {
            Assert.False(server._process.HasExited, $"dags serve exited with {(server._process.HasExited ? server._process.ExitCode : 0)}: {server.Output}");
            Assert.True(DateTimeOffset.UtcNow < deadline, $"dags serve did not start in time: {server.Output}");
            await Task.Delay(25);
        }

        server.Client = new HttpClient { BaseAddress = new Uri(serving.Groups[1].Value) };
        return server;
    }

    public string Output => string.Join('\n', _lines);

    /// <summary>Polls the run until it has ended, within the deadline.</summary>
    public async Task<JsonElement> WaitForRunEndAsync(string path)
    {
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (true)
        {
            var run = JsonDocument.Parse(await Client.GetStringAsync(path)).RootElement.Clone();
            if (run.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled")
            {
                return run;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"the run did not end in time: {run}\n{Output}");
            await Task.Delay(25);
        }
    }

    /// <summary>Kills the process and its children at once, as a crash would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(Deadline);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        Client?.Dispose();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    [GeneratedRegex(@"^DurableDags is running: UI (http://127\.0\.0\.1:\d+)/ , API \1/api")]
    private static partial Regex Running();
}
