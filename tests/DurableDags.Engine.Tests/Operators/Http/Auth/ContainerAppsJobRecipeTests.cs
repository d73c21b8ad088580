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
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Tests.Operators.Http.Auth;

/// <summary>
/// examples/dags/container-apps-job.yaml, its node as written, against a local fake of the ARM
/// calls it makes (start, then get the execution) and the local identity endpoint.
/// </summary>
[Collection(IdentityEnvironmentCollection.Name)]
public sealed class ContainerAppsJobRecipeTests : IAsyncLifetime
{
    private const string Job = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.App/jobs/import";
    private readonly HttpClient _client = OperatorHttpClient.Create();
    private AppServiceIdentityEndpoint _identity = null!;
    private string _finalStatus = "Succeeded";
    private int _polls;

    public async Task InitializeAsync()
    {
        _identity = await AppServiceIdentityEndpoint.StartAsync();
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", _identity.Endpoint);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", AppServiceIdentityEndpoint.Header);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        _client.Dispose();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task The_job_is_started_and_polled_with_the_apps_token_and_a_failed_execution_fails_with_the_services_body()
    {
        var tokens = new EntraAccessTokens(EntraAccessTokens.CreateCredential(new ConfigurationBuilder().Build()));
        await using (var arm = await StartArmAsync())
        {
            var (result, steps) = await RunAsync(arm, tokens);

            var output = Assert.IsType<OperatorResult.Succeeded>(result).Output!;
            Assert.Equal("import-x1", output["execution"]!.GetValue<string>());
            Assert.Equal("Succeeded", output["status"]!.GetValue<string>());
            Assert.Equal(3, steps);
            Assert.Equal("https://management.azure.com", Assert.Single(_identity.Requests).Resource);
            var token = Assert.Single(_identity.Issued);
            Assert.All(arm.Received, r => Assert.Equal($"Bearer {token}", r.Header("Authorization")));
            Assert.Equal("POST", arm.Received.First().Method);
            Assert.Equal("?api-version=2024-03-01", arm.Received.First().Query);
        }

        _finalStatus = "Failed";
        _polls = 0;
        await using (var arm = await StartArmAsync())
        {
            var (result, _) = await RunAsync(arm, tokens);

            var failed = Assert.IsType<OperatorResult.Failed>(result);
            Assert.Contains("the job failed", failed.Error, StringComparison.Ordinal);
            Assert.Contains("exit code 3", failed.Error, StringComparison.Ordinal);
        }
    }

    private Task<LoopbackServer> StartArmAsync() => LoopbackServer.StartAsync(app =>
    {
        app.MapPost(Job + "/start", () => Results.Json(new { id = Job + "/executions/import-x1", name = "import-x1" }, statusCode: 202));
        app.MapGet(Job + "/executions/import-x1", () => Interlocked.Increment(ref _polls) < 2
            ? Results.Json(new { name = "import-x1", properties = new { status = "Running" } })
            : Results.Json(new
            {
                name = "import-x1",
                properties = new { status = _finalStatus, endTime = "2026-01-31T03:00:00Z", error = _finalStatus == "Failed" ? "container exited with exit code 3" : null },
            }));
    });

    private async Task<(OperatorResult Result, int Steps)> RunAsync(LoopbackServer arm, EntraAccessTokens tokens)
    {
        var file = Path.Combine(RepoRoot(), "examples", "dags", "container-apps-job.yaml");
        var dag = DagLoader.Load(file, await File.ReadAllTextAsync(file), OperatorCatalog.BuiltIn).Dag!;
        var scope = new ExpressionScope()
            .Set("params", new JsonObject { ["arm"] = arm.Url("/").TrimEnd('/'), ["subscription"] = "s1", ["resourceGroup"] = "rg", ["job"] = "import" })
            .Set("run", new JsonObject { ["id"] = "r1" });
        var request = new OperatorRequest
        {
            DagId = dag.Id, RunId = "r1", Node = dag.Nodes.Single(), Attempt = 1, IdempotencyKey = "r1/run-job/1",
            Scope = scope, Log = new RecordingAttemptLog(), Time = new ManualTimeProvider(DateTimeOffset.UnixEpoch),
        };
        var (result, steps, _) = await OperatorTestRequest.DriveAsync(new HttpJobOperator(_client, tokens), request);
        return (result, steps);
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
