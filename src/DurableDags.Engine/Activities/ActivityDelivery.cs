namespace DurableDags.Engine.Activities;

/// <summary>
/// Whether the activity running on this flow is being delivered for the first time: the embedded
/// engine sets it for an activity a live turn scheduled, on its first try. It is false for one
/// scheduled again while an instance resumes (after a stop or a lease takeover), for a try after a
/// storage outage, and on Durable Functions, which may deliver any activity more than once. Only a
/// first delivery may skip the reads and writes that make a repeat harmless.
/// </summary>
public static class ActivityDelivery
{
    private static readonly AsyncLocal<bool> First = new();

    public static bool IsFirst
    {
        get => First.Value;
        internal set => First.Value = value;
    }
}
