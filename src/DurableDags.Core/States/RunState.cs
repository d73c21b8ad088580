namespace DurableDags.Core.States;

/// <summary>Where a whole run stands.</summary>
public enum RunState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

public static class RunStateExtensions
{
    public static bool IsFinal(this RunState state) =>
        state is RunState.Succeeded or RunState.Failed or RunState.Cancelled;
}
