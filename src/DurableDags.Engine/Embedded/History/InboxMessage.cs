using System.Text.Json;

namespace DurableDags.Engine.Embedded.History;

/// <summary>
/// An external event waiting to be taken into an instance's history. It is stored before it is
/// delivered, so an event raised before the orchestrator waits for it, or just before a crash,
/// is not lost. Ids sort in arrival order.
/// </summary>
public sealed record InboxMessage(string Id, string Name, JsonElement? Payload);
