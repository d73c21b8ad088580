using System.Text.Json.Nodes;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Tests.Operators.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Engine.Tests.Operators.Http.Auth;

/// <summary>
/// examples/dags/azure-ml-job.yaml, its node as written, against a local fake of the ARM calls
/// it makes (create the command job, then get it) and the local identity endpoint.
/// </summary>
[Collection(IdentityEnvironmentCollection.Name)]
public sealed class AzureMlJobRecipeTests() : ArmRecipeTest("azure-ml-job.yaml")
{
    private const string Workspace = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw";
    private const string JobName = "churn-20260131060000-1";
    private string _finalStatus = "Completed";
    private int _polls;

    [Fact]
    public async Task The_command_job_is_created_and_polled_with_the_apps_token_until_it_completes()
    {
        await using var arm = await StartArmAsync();

        var (result, steps) = await RunAsync(arm);

        var output = Assert.IsType<OperatorResult.Succeeded>(result).Output!;
        Assert.Equal(JobName, output["job"]!.GetValue<string>());
        Assert.Equal("Completed", output["status"]!.GetValue<string>());
        Assert.Equal($"https://ml.azure.com/runs/{JobName}", output["studio"]!.GetValue<string>());
        Assert.Equal(3, steps);
        AssertEveryCallCarriedTheAppsToken(arm);
        var create = arm.Received.First();
        Assert.Equal(("PUT", $"{Workspace}/jobs/{JobName}", "?api-version=2024-04-01"), (create.Method, create.Path, create.Query));
        var job = JsonNode.Parse(create.Body)!["properties"]!;
        Assert.Equal("Command", job["jobType"]!.GetValue<string>());
        Assert.Equal("python train.py --as-of 2026-01-31T06:00:00Z", job["command"]!.GetValue<string>());
        Assert.Equal("azureml:sklearn:1", job["environmentId"]!.GetValue<string>());
        Assert.Equal($"{Workspace}/computes/gpu", job["computeId"]!.GetValue<string>());
        Assert.All(arm.Received.Skip(1), r => Assert.Equal(("GET", $"{Workspace}/jobs/{JobName}"), (r.Method, r.Path)));
    }

    [Theory]
    [InlineData("Failed")]
    [InlineData("Canceled")]
    public async Task A_job_that_ends_failed_or_canceled_fails_the_node_with_the_services_error(string status)
    {
        _finalStatus = status;
        await using var arm = await StartArmAsync();

        var (result, _) = await RunAsync(arm);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.Contains(status, failed.Error, StringComparison.Ordinal);
        Assert.Contains("UserError: train.py exited with code 2", failed.Error, StringComparison.Ordinal);
    }

    private Task<LoopbackServer> StartArmAsync() => LoopbackServer.StartAsync(app =>
    {
        app.MapPut(Workspace + "/jobs/{name}", (string name) => Results.Json(Job(name, "NotStarted", null), statusCode: 201));
        app.MapGet(Workspace + "/jobs/{name}", (string name) => Interlocked.Increment(ref _polls) < 2
            ? Results.Json(Job(name, "Running", null))
            : Results.Json(Job(name, _finalStatus, _finalStatus == "Completed" ? null : "UserError: train.py exited with code 2")));
    });

    // The shape of ARM's JobBase: the job's state in properties.status, each service's error in its errorMessage.
    private static object Job(string name, string status, string? error) => new
    {
        id = $"{Workspace}/jobs/{name}",
        name,
        type = "Microsoft.MachineLearningServices/workspaces/jobs",
        properties = new
        {
            jobType = "Command",
            status,
            // A dictionary keeps the service's name as ARM spells it (Results.Json camel-cases members).
            services = new Dictionary<string, object> { ["Studio"] = new { jobServiceType = "Studio", endpoint = $"https://ml.azure.com/runs/{name}", errorMessage = error } },
        },
    };

    private Task<(OperatorResult Result, int Steps)> RunAsync(LoopbackServer arm) =>
        RunAsync(arm, new JsonObject
        {
            ["subscription"] = "s1", ["resourceGroup"] = "rg", ["workspace"] = "mlw", ["compute"] = "gpu", ["environment"] = "azureml:sklearn:1",
        });
}
