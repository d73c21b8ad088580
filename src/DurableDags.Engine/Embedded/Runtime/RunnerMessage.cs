using DurableDags.Engine.Embedded.History;

namespace DurableDags.Engine.Embedded.Runtime;

/// <summary>
/// Something that happened outside an instance's turn and becomes history in its next turn: a
/// completion of one of its actions (only for the generation that took it), or an external event.
/// </summary>
internal sealed record RunnerMessage(int Generation, HistoryEvent? Event)
{
    /// <summary>Asks for a turn with nothing new in it.</summary>
    public static RunnerMessage Wake { get; } = new(-1, null);

    /// <summary>Asks for the turns not yet in history to be written now.</summary>
    public static RunnerMessage WriteHistory { get; } = new(-2, null);

    public static RunnerMessage External(InboxMessage message) =>
        new(-1, new EventRaised(message.Id, message.Name, message.Payload));
}
