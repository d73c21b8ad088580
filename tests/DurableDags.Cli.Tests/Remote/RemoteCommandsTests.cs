using System.Text.Json;

namespace DurableDags.Cli.Tests.Remote;

/// <summary>The client commands against a real <c>dags serve</c> child process on a free loopback port.</summary>
public sealed class RemoteCommandsTests : IDisposable
{
    private const string Dag = """
        id: ship
        params:
          who: { type: string, default: nobody }
        nodes:
          build: { type: noop }
          approve: { needs: build, type: approval, with: { event: ship-it, message: "Ship it?", timeout: 1h } }
          done: { needs: approve, type: noop }
        """;

    private readonly TempFolder _root = new();

    public RemoteCommandsTests() => _root.Write("dags/hello.yaml", "id: hello\nnodes:\n  a: { type: noop }\n");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Push_trigger_approve_reject_status_logs_and_runs_drive_a_real_server()
    {
        using var server = await ServeProcess.StartAsync(_root.Path);
        var url = server.Client.BaseAddress!.ToString();
        var file = _root.Write("mine/ship.yaml", Dag);

        var pushed = await Dags.RunAsync("push", file, "--server", url);
        Assert.Equal(0, pushed.ExitCode);
        Assert.Equal([$"ship version 1 (new) from {file}"], pushed.OutputLines);
        Assert.Equal([$"ship version 1 (unchanged) from {file}"], (await Dags.RunAsync("push", file, "--server", url)).OutputLines);

        var broken = _root.Write("bad/broken.yaml", "id: broken\nnodes:\n  a: { type: nope }\n");
        var refused = await Dags.RunAsync("push", broken, "--server", url);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("dags push: nothing was uploaded; fix the errors above first", refused.ErrorLines[^1]);

        var triggered = await Dags.RunAsync("trigger", "ship", "-p", "who=me", "--server", url);
        Assert.Equal(0, triggered.ExitCode);
        var runId = triggered.OutputLines[0].Split(' ')[1].Split('/')[1];
        await WaitForNodeAsync(server, runId, "approve", "waiting");

        var approved = await Dags.RunAsync("approve", $"ship/{runId}", "--comment", "looks good", "--server", url);
        Assert.Equal([$"approved node 'approve' of ship/{runId} (event 'ship-it')"], approved.OutputLines);
        var run = await server.WaitForRunEndAsync($"/api/dags/ship/runs/{runId}");
        Assert.Equal("succeeded", run.GetProperty("state").GetString());
        Assert.Equal("me", run.GetProperty("params").GetProperty("who").GetString());

        var status = await Dags.RunAsync("status", $"ship/{runId}", "--server", url);
        Assert.Equal(0, status.ExitCode);
        Assert.Equal($"ship/{runId} succeeded", status.OutputLines[0]);
        Assert.Contains(status.OutputLines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["approve", "succeeded"]);

        var logs = await Dags.RunAsync("logs", $"ship/{runId}", "approve", "--server", url);
        Assert.Contains("approved by event 'ship-it'", logs.Output, StringComparison.Ordinal);

        // --wait follows the run; a rejection ends it failed, and so does the exit code.
        var waiting = Dags.RunAsync("trigger", "ship", "--wait", "--server", url);
        var second = await WaitForSecondRunAsync(server, runId);
        await WaitForNodeAsync(server, second, "approve", "waiting");
        var rejected = await Dags.RunAsync("reject", $"ship/{second}", "--comment", "not on a Friday", "--server", url);
        Assert.Equal(0, rejected.ExitCode);
        var followed = await waiting.WaitAsync(ServeProcess.Deadline);
        Assert.Equal(1, followed.ExitCode);
        Assert.Contains("build succeeded", followed.OutputLines);
        Assert.Contains(followed.OutputLines, l => l.StartsWith("approve failed: ", StringComparison.Ordinal) && l.Contains("not on a Friday", StringComparison.Ordinal));
        Assert.Contains($"ship/{second} failed", followed.OutputLines.Select(l => l.Split(':')[0]));

        var runs = await Dags.RunAsync("runs", "--server", url);
        Assert.Equal(0, runs.ExitCode);
        Assert.Equal([$"ship/{second}", $"ship/{runId}"], runs.OutputLines.Select(l => l.Split(' ')[0]));
        var failedOnly = await Dags.RunAsync("runs", "ship", "--state", "failed", "--server", url);
        Assert.Equal([$"ship/{second}"], failedOnly.OutputLines.Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public async Task Backfill_lists_the_dates_of_a_dry_run_and_starts_one_backfill_however_often_it_is_asked()
    {
        using var server = await ServeProcess.StartAsync(_root.Path);
        var url = server.Client.BaseAddress!.ToString();
        var file = _root.Write("mine/nightly.yaml", """
            id: nightly
            schedule: "30 2 * * *"
            timezone: Europe/Berlin
            nodes: { a: { type: noop } }
            """);
        Assert.Equal(0, (await Dags.RunAsync("push", file, "--server", url)).ExitCode);

        // Across the spring change: 02:30 does not exist in Berlin on 2026-03-29, and the day still has its run.
        var dry = await Dags.RunAsync("backfill", "nightly", "--from", "2026-03-28", "--to", "2026-03-30", "--dry-run", "--server", url);
        Assert.Equal(0, dry.ExitCode);
        var plan = JsonDocument.Parse(string.Join('\n', dry.OutputLines)).RootElement;
        Assert.Equal(3, plan.GetProperty("total").GetInt32());
        Assert.Equal(3, plan.GetProperty("logicalDates").GetArrayLength());

        var first = await Dags.RunAsync("backfill", "nightly", "--from", "2026-03-28", "--to", "2026-03-30", "--server", url);
        var again = await Dags.RunAsync("backfill", "nightly", "--from", "2026-03-28", "--to", "2026-03-30", "--server", url);
        Assert.Equal((0, 0), (first.ExitCode, again.ExitCode));
        var id = JsonDocument.Parse(string.Join('\n', first.OutputLines)).RootElement.GetProperty("backfillId").GetString();
        Assert.Equal(id, JsonDocument.Parse(string.Join('\n', again.OutputLines)).RootElement.GetProperty("backfillId").GetString());
        Assert.Equal(3, JsonDocument.Parse(string.Join('\n', first.OutputLines)).RootElement.GetProperty("progress").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Problems_are_one_line_with_the_status_and_a_missing_server_is_a_usage_error()
    {
        using var server = await ServeProcess.StartAsync(_root.Path);

        var missing = await Dags.RunAsync("trigger", "no-such-dag", "--server", server.Client.BaseAddress!.ToString());
        Assert.Equal(1, missing.ExitCode);
        var line = Assert.Single(missing.ErrorLines);
        Assert.StartsWith("dags trigger: 404 ", line, StringComparison.Ordinal);
        Assert.Contains("no-such-dag", line, StringComparison.Ordinal);

        var noServer = await Dags.RunAsync("status", "a/b", "--server", "ftp://x");
        Assert.Equal((2, "dags status: --server 'ftp://x' is not an http:// or https:// URL"), (noServer.ExitCode, noServer.ErrorLines.Single()));
    }

    private static async Task WaitForNodeAsync(ServeProcess server, string runId, string node, string state)
    {
        var deadline = DateTimeOffset.UtcNow + ServeProcess.Deadline;
        while (true)
        {
            var run = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/dags/ship/runs/{runId}")).RootElement;
            if (run.GetProperty("nodes").EnumerateArray().Any(n => n.GetProperty("nodeId").GetString() == node && n.GetProperty("state").GetString() == state))
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"node {node} did not reach {state}: {run}");
            await Task.Delay(25);
        }
    }

    private static async Task<string> WaitForSecondRunAsync(ServeProcess server, string first)
    {
        var deadline = DateTimeOffset.UtcNow + ServeProcess.Deadline;
        while (true)
        {
            var runs = JsonDocument.Parse(await server.Client.GetStringAsync("/api/dags/ship/runs")).RootElement.GetProperty("runs");
            if (runs.EnumerateArray().Select(r => r.GetProperty("runId").GetString()!).FirstOrDefault(id => id != first) is { } second)
            {
                return second;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "the second run did not start");
            await Task.Delay(25);
        }
    }
}
