namespace DurableDags.Cli;

internal static class Program
{
    /// <summary>Exit codes: 0 success, 1 the DAGs or the run failed, 2 usage errors.</summary>
    public static Task<int> Main(string[] args) => DagsApp.RunAsync(args, Console.Out, Console.Error);
}
