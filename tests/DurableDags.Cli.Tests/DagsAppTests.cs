namespace DurableDags.Cli.Tests;

public class DagsAppTests
{
    [Fact]
    public async Task No_command_is_a_usage_error()
    {
        var result = await Dags.RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["dags: Required command was not provided.", "Try 'dags --help' for usage."], result.ErrorLines);
    }

    [Fact]
    public async Task An_unknown_command_or_option_is_a_usage_error()
    {
        Assert.Equal(2, (await Dags.RunAsync("validat", ".")).ExitCode);
        Assert.Equal(2, (await Dags.RunAsync("plan", "--jsn", "x.yaml")).ExitCode);
    }

    [Fact]
    public async Task Help_lists_the_commands_on_stdout_and_exits_0()
    {
        var result = await Dags.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("validate", result.Output, StringComparison.Ordinal);
        Assert.Contains("plan", result.Output, StringComparison.Ordinal);
    }
}
