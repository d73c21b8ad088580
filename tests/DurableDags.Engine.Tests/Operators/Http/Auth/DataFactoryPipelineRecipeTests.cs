using System.Text.Json.Nodes;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Operators.Http.Auth;

/// <summary>
/// examples/dags/data-factory-pipeline.yaml, its node as written, against a local fake of the
/// ARM calls it makes (createRun, then get the pipeline run) and the local identity endpoint.
/// </summary>
[Collection(IdentityEnvironmentCollection.Name)]
public sealed class DataFactoryPipelineRecipeTests() : ArmRecipeTest("data-factory-pipeline.yaml")
{
    private const string Factory = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.DataFactory/factories/adf";
    private const string RunId = "2f7fdb90-5df1-4b8e-ac2f-064cfa58202b";
    private string _finalStatus = "Succeeded";
    private int _polls;

    [Fact]
    public async Task The_pipeline_run_is_created_and_polled_with_the_apps_token_until_it_succeeds()
    {
        await using var arm = await StartArmAsync();

        var (result, steps) = await RunAsync(arm);

        var output = Assert.IsType<OperatorResult.Succeeded>(result).Output!;
        Assert.Equal(RunId, output["runId"]!.GetValue<string>());
        Assert.Equal("Succeeded", output["status"]!.GetValue<string>());
        Assert.Equal(4, steps);
        AssertEveryCallCarriedTheAppsToken(arm);
        var create = arm.Received.First();
        Assert.Equal(("POST", $"{Factory}/pipelines/copy/createRun", "?api-version=2018-06-01"), (create.Method, create.Path, create.Query));
        Assert.Equal("2026-01-31", JsonNode.Parse(create.Body)!["date"]!.GetValue<string>());
        Assert.All(arm.Received.Skip(1), r => Assert.Equal(("GET", $"{Factory}/pipelineruns/{RunId}", "?api-version=2018-06-01"), (r.Method, r.Path, r.Query)));
    }

    [Theory]
    [InlineData("Failed")]
    [InlineData("Cancelled")]
    public async Task A_run_that_ends_failed_or_cancelled_fails_the_node_with_the_services_message(string status)
    {
        _finalStatus = status;
        await using var arm = await StartArmAsync();

        var (result, _) = await RunAsync(arm);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.Contains(status, failed.Error, StringComparison.Ordinal);
        Assert.Contains("Operation on target Copy orders failed: ErrorCode=UserErrorSourceBlobNotExist", failed.Error, StringComparison.Ordinal);
    }

    private Task<LoopbackServer> StartArmAsync() => LoopbackServer.StartAsync(app =>
    {
        app.MapPost(Factory + "/pipelines/copy/createRun", () => Results.Json(new { runId = RunId }));
        app.MapGet(Factory + "/pipelineruns/" + RunId, () => Interlocked.Increment(ref _polls) switch
        {
            1 => Results.Json(Run("Queued", "")),
            2 => Results.Json(Run("InProgress", "")),
            _ => Results.Json(Run(_finalStatus, _finalStatus == "Succeeded" ? "" : "Operation on target Copy orders failed: ErrorCode=UserErrorSourceBlobNotExist")),
        });
    });

    // The shape of ARM's PipelineRun: the state in status, the reason it failed in message.
    private static object Run(string status, string message) =>
        new { runId = RunId, pipelineName = "copy", status, message, runStart = "2026-01-31T06:00:05Z", durationInMs = 61234 };

    private Task<(OperatorResult Result, int Steps)> RunAsync(LoopbackServer arm) =>
        RunAsync(arm, new JsonObject
        {
            ["subscription"] = "s1", ["resourceGroup"] = "rg", ["factory"] = "adf", ["pipeline"] = "copy",
        });
}
