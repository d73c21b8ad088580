namespace DurableDags.Cli.Tests;

/// <summary>What one call of <c>dags</c> gave: its exit code and both streams, split into lines.</summary>
internal sealed record DagsResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Lines(Output);

    public string[] ErrorLines => Lines(Error);

    private static string[] Lines(string text) => text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the <c>dags</c> command line in-process, as Program does, with captured output.</summary>
internal static class Dags
{
    public static async Task<DagsResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await DagsApp.RunAsync(args, output, error);
        return new DagsResult(exitCode, output.ToString(), error.ToString());
    }
}
