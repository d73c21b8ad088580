using System.Net;
using System.Text.Json;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Core.States;
using DurableDags.Storage.Nodes;
using DurableDags.Storage.Tests.Azurite;

namespace DurableDags.Api.Tests.Handlers;

/// <summary><c>GET /api/nodes</c> over HTTP, on each real store: the node instances of the newest runs.</summary>
public abstract class NodeSearchHandlerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private ApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await StartAsync();
        foreach (var dagId in new[] { "alpha", "beta" })
        {
            (await _server.PutDagAsync(dagId, $"id: {dagId}\nnodes:\n  load: {{ type: noop }}\n  cost: {{ type: noop, needs: [load] }}\n")).Dispose();
        }

        // Oldest first: alpha/r1 (cost failed), beta/r2 (every node succeeded), alpha/r3 (cost failed in both its instances, the second one started first).
        await SeedAsync("alpha", "r1", 0, ("load", null, NodeState.Succeeded), ("cost", null, NodeState.Failed));
        await SeedAsync("beta", "r2", 1, ("load", null, NodeState.Succeeded), ("cost", null, NodeState.Succeeded));
        await SeedAsync("alpha", "r3", 2, ("load", null, NodeState.Succeeded), ("cost", 1, NodeState.Failed), ("cost", 0, NodeState.Failed));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    protected abstract Task<ApiServer> StartAsync();

    [Fact]
    public async Task The_failed_nodes_of_the_newest_runs_are_listed_newest_run_first_with_their_dag_run_and_instance()
    {
        var page = await _server.GetJsonAsync("/api/nodes?state=failed", ApiServer.ReaderKey);

        var nodes = page.GetProperty("nodes").EnumerateArray()
            .Select(n => $"{n.GetProperty("dagId").GetString()}/{n.GetProperty("runId").GetString()}/{n.GetProperty("nodeId").GetString()}[{n.GetProperty("index")}]:{n.GetProperty("state").GetString()}")
            .ToList();
        Assert.Equal(["alpha/r3/cost[1]:failed", "alpha/r3/cost[0]:failed", "alpha/r1/cost[]:failed"], nodes);
        Assert.Equal(3, page.GetProperty("runsRead").GetInt32());
        var first = page.GetProperty("nodes")[0];
        Assert.Equal((1, 60_000L, "boom"), (first.GetProperty("attempts").GetInt32(), first.GetProperty("durationMs").GetInt64(), first.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task A_page_looks_at_the_given_number_of_runs_and_the_cursor_goes_on_from_the_last()
    {
        var first = await _server.GetJsonAsync("/api/nodes?runs=2&nodeId=cost");
        var second = await _server.GetJsonAsync("/api/nodes?runs=2&nodeId=cost&cursor=" + Uri.EscapeDataString(first.GetProperty("next").GetString()!));
        var beta = await _server.GetJsonAsync("/api/nodes?dagId=beta");

        Assert.Equal(["r3", "r3", "r2"], first.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("runId").GetString()));
        Assert.Equal(["r1"], second.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("runId").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal(["load", "cost"], beta.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("nodeId").GetString()));
    }

    [Fact]
    public async Task Bad_parameters_get_one_400_naming_each()
    {
        using var response = await _server.SendAsync(HttpMethod.Get, "/api/nodes?state=done&dagId=Bad!&nodeId=-x&runs=101&cursor=abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var paths = (await ApiServer.ReadJsonAsync(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Order();
        Assert.Equal(["cursor", "dagId", "nodeId", "runs", "state"], paths);
    }

    private async Task SeedAsync(string dagId, string runId, int minute, params (string Node, int? Index, NodeState State)[] nodes)
    {
        var created = T0.AddMinutes(minute * 10);
        await _server.SeedRunAsync(dagId, runId, created, RunState.Failed);
        var offset = 0;
        foreach (var (node, index, state) in nodes)
        {
            var started = created.AddMinutes(++offset);
            await _server.Store.PutNodeAsync(new NodeRecord
            {
                DagId = dagId, RunId = runId, NodeId = node, MapIndex = index, State = state, Attempts = 1,
                StartedAt = started, EndedAt = started.AddMinutes(1), Error = state == NodeState.Failed ? "boom" : null,
            });
        }
    }
}

public sealed class NodeSearchHandlerOnFolderTests : NodeSearchHandlerTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnFolderAsync();
}

[Collection(AzuriteCollection.Name)]
public sealed class NodeSearchHandlerOnAzuriteTests(AzuriteFixture azurite) : NodeSearchHandlerTests
{
    protected override Task<ApiServer> StartAsync() => ApiServer.OnAzuriteAsync(azurite);
}
