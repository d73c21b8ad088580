using System.Text.Json;
using DurableDags.Core.Definitions;
using DurableDags.Core.States;
using DurableDags.Engine.Activities;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Tests.Operators.Testing;
using DurableDags.Storage.Checkpoints;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Tests.Activities;

/// <summary><c>secrets</c> as the host's node scope defines it, read by a real request.</summary>
public sealed class NodeScopeSecretsTests : IAsyncLifetime
{
    private const string Token = "tok-5e5e5e5e5e";
    private readonly string _folder = Directory.CreateTempSubdirectory("dd-scope-").FullName;
    private readonly HttpClient _client = OperatorHttpClient.Create();
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync(app => app.MapGet("/items", () => Results.Ok()));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _client.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_secret_that_is_not_set_fails_the_node_without_retry_naming_the_setting_and_sends_nothing()
    {
        var result = await RunAsync("""{ "url": "$BASE/items", "headers": { "Authorization": "Bearer ${{ secrets.NOT_SET }}" } }""");

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Contains("with.headers.Authorization", failed.Error, StringComparison.Ordinal);
        Assert.Contains("DurableDags__Secrets__NOT_SET", failed.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task A_secret_that_is_set_is_sent()
    {
        var result = await RunAsync("""{ "url": "$BASE/items", "headers": { "Authorization": "Bearer ${{ secrets.TOKEN }}" } }""");

        Assert.IsType<OperatorResult.Succeeded>(result);
        Assert.Equal($"Bearer {Token}", _server.Received.Single().Header("Authorization"));
    }

    [Fact]
    public async Task A_secret_not_set_in_a_query_fails_too()
    {
        var result = await RunAsync("""{ "url": "$BASE/items", "query": { "key": "${{ secrets.API_KEY }}" } }""");

        Assert.Contains("with.query.key: secrets.API_KEY is not set", Assert.IsType<OperatorResult.Failed>(result).Error, StringComparison.Ordinal);
    }

    private async Task<OperatorResult> RunAsync(string with)
    {
        var secrets = new EngineSecrets(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("DurableDags:Secrets:TOKEN", (string?)Token)]).Build());
        var builder = new NodeScopeBuilder(new CheckpointStore(new FolderObjectStore(_folder)), secrets);
        var node = new NodeDefinition
        {
            Id = "call",
            Type = "http",
            With = JsonDocument.Parse(with.Replace("$BASE", _server.Url("/").TrimEnd('/'), StringComparison.Ordinal)).RootElement.Clone(),
        };
        var run = new RunRecord
        {
            DagId = "d", RunId = "r1", DagVersion = 1, DagHash = "h", State = RunState.Running,
            Trigger = new RunTrigger { Kind = TriggerKind.Http }, CreatedAt = DateTimeOffset.UnixEpoch,
        };
        var scope = await builder.BuildAsync(run, node, attempt: 1, [], CancellationToken.None);
        var request = new OperatorRequest
        {
            DagId = "d", RunId = "r1", Node = node, Attempt = 1, IdempotencyKey = "r1/call/1", Scope = scope, Log = new RecordingAttemptLog(),
        };
        return await new HttpOperator(_client).ExecuteAsync(request, CancellationToken.None);
    }
}
