using DurableDags.Api.Scheduling;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Core.Testing;
using DurableDags.Core.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace DurableDags.Api.Tests.Scheduling;

/// <summary>
/// The example DAGs are a first start's whole experience: a scheduler that begins at any moment
/// must not start a backfill of them (issue 15: one example once started 337 nights at once).
/// </summary>
public sealed class ExampleSchedulesTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.OnFolderAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> Moments() =>
    [
        "2026-12-04T11:27:00Z",   // a Friday morning
        "2027-01-03T00:00:30Z",   // just after a Sunday midnight (ml-pipeline's @weekly)
        "2026-03-29T05:45:00Z",   // Berlin's and New York's nights around a clock change
    ];

    [Theory]
    [MemberData(nameof(Moments))]
    public async Task Starting_the_scheduler_at_any_moment_schedules_at_most_one_run_per_example(string moment)
    {
        var examples = Directory.EnumerateFiles(RepoFiles.Path("examples", "dags"), "*.yaml")
            .Where(f => !DagTestFile.IsTestFile(f)).Order(StringComparer.Ordinal).ToList();
        foreach (var file in examples)
        {
            using var put = await _server.PutDagAsync(Path.GetFileNameWithoutExtension(file), await File.ReadAllTextAsync(file));
            Assert.True(put.IsSuccessStatusCode, $"{file}: {await put.Content.ReadAsStringAsync()}");
        }

        var tick = _server.Host.Services.GetRequiredService<SchedulerTick>();
        var now = DateTimeOffset.Parse(moment, System.Globalization.CultureInfo.InvariantCulture);
        var dagIds = examples.Select(f => Path.GetFileNameWithoutExtension(f)).ToList();
        // Ticks as a started server runs them, every 5 s, each run ended before the next tick:
        // neither maxActiveRuns nor a cap per tick may hide a backlog of due runs.
        var started = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            started.AddRange((await tick.RunAsync(now.AddSeconds(5 * i))).Started);
            await CancelUnfinishedAsync(dagIds);
        }

        foreach (var dagId in dagIds)
        {
            var runs = (await _server.GetJsonAsync($"/api/dags/{dagId}/runs")).GetProperty("runs").GetArrayLength();
            Assert.True(runs <= 1, $"{dagId} got {runs} runs on start; started: {string.Join(", ", started)}");
        }

        Assert.True(started.Count <= examples.Count, string.Join(", ", started));
    }

    private async Task CancelUnfinishedAsync(IEnumerable<string> dagIds)
    {
        foreach (var dagId in dagIds)
        {
            var runs = (await _server.GetJsonAsync($"/api/dags/{dagId}/runs")).GetProperty("runs").EnumerateArray()
                .Where(r => r.GetProperty("state").GetString() is not ("succeeded" or "failed" or "cancelled"))
                .Select(r => r.GetProperty("runId").GetString()!).ToList();
            foreach (var runId in runs)
            {
                (await _server.SendAsync(HttpMethod.Post, $"/api/dags/{dagId}/runs/{runId}/cancel")).Dispose();
                await _server.WaitForRunAsync(dagId, runId);
            }
        }
    }
}
