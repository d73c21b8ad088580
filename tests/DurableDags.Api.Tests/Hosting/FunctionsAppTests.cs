using System.Text.Json;
using System.Text.RegularExpressions;
using DurableDags.Api.Tests.Fixtures;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Api.Tests.Hosting;

/// <summary>The Functions app's orchestration functions, timer and settings, read from its source.</summary>
public partial class FunctionsAppTests
{
    // Every activity name the orchestrator can call (they all start "dd-"), found by reflection so
    // that a new activity without its function in the uncompiled app fails here.
    public static TheoryData<string> Activities => [.. ActivityNames()];

    [Fact]
    public void The_activity_names_are_found()
    {
        Assert.Contains(DagActivityNames.RunNodeStep, ActivityNames());
        Assert.Contains(DagActivityNames.CancelChildRuns, ActivityNames());
    }

    private static IEnumerable<string> ActivityNames() => typeof(DagActivityNames)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(name => name.StartsWith("dd-", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Activities))]
    public void Every_activity_the_orchestrator_calls_has_one_activity_function(string name) =>
        Assert.Equal("ActivityTrigger", Assert.Single(FunctionsAppSource.Functions, f => f.Name == name).Trigger);

    [Fact]
    public void The_orchestrator_runs_as_one_orchestration_function_under_the_name_sub_runs_call()
    {
        var orchestrator = Assert.Single(FunctionsAppSource.Functions, f => f.Name == DagActivityNames.DagRunOrchestrator);

        Assert.Equal(("OrchestrationTrigger", false), (orchestrator.Trigger, orchestrator.BindsDurableClient));
    }

    [Fact]
    public void Function_names_are_unique_and_valid_for_the_functions_host()
    {
        var names = FunctionsAppSource.Functions.Select(f => f.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, name => Assert.Matches(HostFunctionName(), name));
    }

    [Fact]
    public void The_scheduler_timer_reads_its_schedule_from_a_setting_that_local_settings_and_the_template_set()
    {
        var timer = Assert.Single(FunctionsAppSource.Functions, f => f.Trigger == "TimerTrigger");
        var schedule = Assert.Single(timer.Strings);
        Assert.Matches("^%[A-Za-z][A-Za-z0-9_]*%$", schedule);
        var setting = schedule.Trim('%');

        using var local = JsonDocument.Parse(FunctionsAppSource.ReadFile("local.settings.sample.json"));
        Assert.Equal("0 */1 * * * *", local.RootElement.GetProperty("Values").GetProperty(setting).GetString());
        Assert.Contains($"{setting}: schedulerSchedule", FunctionsAppSource.ReadFile("infra", "modules", "functionapp.bicep"), StringComparison.Ordinal);
        Assert.True(timer.BindsDurableClient);
    }

    [Fact]
    public void The_web_ui_answers_get_and_head_anonymously_at_every_path_the_api_leaves()
    {
        var ui = Assert.Single(FunctionsAppSource.Functions, f => f.Route == "{*path}");

        Assert.Equal(("HttpTrigger", "AuthorizationLevel.Anonymous", "get, head"), (ui.Trigger, ui.AuthorizationLevel, string.Join(", ", ui.Strings)));
    }

    /// <summary>The Functions host's rule for function names.</summary>
    [GeneratedRegex("^[a-z][a-z0-9_-]{0,127}$", RegexOptions.IgnoreCase)]
    private static partial Regex HostFunctionName();
}
