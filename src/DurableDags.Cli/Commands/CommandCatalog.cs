using System.CommandLine;

namespace DurableDags.Cli.Commands;

/// <summary>Every subcommand of <c>dags</c>; each lives in its own file.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return ValidateCommand.Create();
        yield return PlanCommand.Create();
        yield return RunCommand.Create();
        yield return ServeCommand.Create();
        yield return TestCommand.Create();
        yield return Remote.PushCommand.Create();
        yield return Remote.TriggerCommand.Create();
        yield return Remote.RunsCommand.Create();
        yield return Remote.StatusCommand.Create();
        yield return Remote.LogsCommand.Create();
        yield return Remote.ApprovalCommand.Create(approve: true);
        yield return Remote.ApprovalCommand.Create(approve: false);
        yield return Remote.BackfillCommand.Create();
    }
}
