using System.Text.Json.Nodes;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Operators.Http.Auth;

/// <summary>
/// examples/dags/container-apps-job.yaml, its node as written, against a local fake of the ARM
/// calls it makes (start, then get the execution) and the local identity endpoint.
/// </summary>
[Collection(IdentityEnvironmentCollection.Name)]
public sealed class ContainerAppsJobRecipeTests() : ArmRecipeTest("container-apps-job.yaml")
{
    private const string Job = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.App/jobs/import";
    private string _finalStatus = "Succeeded";
    private int _polls;

    [Fact]
    public async Task The_job_is_started_and_polled_with_the_apps_token_and_a_failed_execution_fails_with_the_services_body()
    {
        await using (var arm = await StartArmAsync())
        {
            var (result, steps) = await RunAsync(arm);

            var output = Assert.IsType<OperatorResult.Succeeded>(result).Output!;
            Assert.Equal("import-x1", output["execution"]!.GetValue<string>());
            Assert.Equal("Succeeded", output["status"]!.GetValue<string>());
            Assert.Equal(3, steps);
            AssertEveryCallCarriedTheAppsToken(arm);
            Assert.Equal("POST", arm.Received.First().Method);
            Assert.Equal("?api-version=2024-03-01", arm.Received.First().Query);
        }

        _finalStatus = "Failed";
        _polls = 0;
        await using (var arm = await StartArmAsync())
        {
            var (result, _) = await RunAsync(arm);

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

    private Task<(OperatorResult Result, int Steps)> RunAsync(LoopbackServer arm) =>
        RunAsync(arm, new JsonObject { ["subscription"] = "s1", ["resourceGroup"] = "rg", ["job"] = "import" });
}
