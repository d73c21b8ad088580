using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;
using DurableDags.Core.Loading;
using DurableDags.Core.Operators;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Http.Auth;
using DurableDags.Engine.Operators.Jobs;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Tests.Operators.Http.Auth;

/// <summary>
/// What a recipe test needs around a fake of ARM: the local identity endpoint set in the
/// process's environment, the app's tokens from it, and the example DAG's single http-job node
/// driven as written, with its <c>arm</c> param pointed at the fake. Each instance is an app
/// with its own user-assigned client id, as Azure.Identity caches managed-identity tokens
/// process-wide by client id and resource, and every recipe asks for the ARM resource.
/// </summary>
public sealed class ArmRecipe : IAsyncDisposable
{
    private readonly HttpClient _client = OperatorHttpClient.Create();

    private ArmRecipe(AppServiceIdentityEndpoint identity)
    {
        Identity = identity;
        Tokens = new EntraAccessTokens(EntraAccessTokens.CreateCredential(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create(EntraAccessTokens.ClientIdSetting, (string?)ClientId)]).Build()));
    }

    public AppServiceIdentityEndpoint Identity { get; }

    public EntraAccessTokens Tokens { get; }

    public string ClientId { get; } = Guid.NewGuid().ToString();

    public static async Task<ArmRecipe> StartAsync()
    {
        var identity = await AppServiceIdentityEndpoint.StartAsync();
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", identity.Endpoint);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", AppServiceIdentityEndpoint.Header);
        return new ArmRecipe(identity);
    }

    /// <summary>Runs examples/azure/{file}'s node against <paramref name="arm"/>, with these params and <c>arm</c> set to the fake's address.</summary>
    public async Task<(OperatorResult Result, int Steps)> RunAsync(string file, LoopbackServer arm, JsonObject parameters)
    {
        var path = Path.Combine(RepoRoot(), "examples", "azure", file);
        var dag = DagLoader.Load(path, await File.ReadAllTextAsync(path), OperatorCatalog.BuiltIn).Dag!;
        parameters["arm"] = arm.Url("/").TrimEnd('/');
        var scope = new ExpressionScope().Set("params", parameters).Set("run", new JsonObject { ["id"] = "r1", ["dagId"] = dag.Id, ["logicalDate"] = "2026-01-31T06:00:00Z", ["attempt"] = 1 });
        var node = dag.Nodes.Single();
        var request = new OperatorRequest
        {
            DagId = dag.Id, RunId = "r1", Node = node, Attempt = 1, IdempotencyKey = $"r1/{node.Id}/1",
            Scope = scope, Log = new RecordingAttemptLog(), Time = new ManualTimeProvider(DateTimeOffset.UnixEpoch),
        };
        var (result, steps, _) = await OperatorTestRequest.DriveAsync(new HttpJobOperator(_client, Tokens), request);
        return (result, steps);
    }

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        _client.Dispose();
        await Identity.DisposeAsync();
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("no repository root");
    }
}
