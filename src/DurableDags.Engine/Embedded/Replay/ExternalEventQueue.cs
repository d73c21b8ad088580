using System.Collections.Immutable;
using System.Text.Json;
using DurableDags.Engine.Embedded.History;

namespace DurableDags.Engine.Embedded.Replay;

/// <summary>
/// External events of one orchestration generation: an event meets the oldest waiter for its
/// name (compared without regard to case, as Durable Task compares them), or waits here for one.
/// What is still here when the generation ends is carried over.
/// </summary>
internal sealed class ExternalEventQueue
{
    private readonly LinkedList<EventRaised> _unhandled = new();
    private readonly Dictionary<string, LinkedList<Action<JsonElement?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);

    public void Deliver(EventRaised raised)
    {
        if (_waiters.TryGetValue(raised.Name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value(raised.Payload);
            return;
        }

        _unhandled.AddLast(raised);
    }

    /// <summary>Takes the oldest unhandled event of that name, if one arrived before anyone waited.</summary>
    public bool TryTake(string name, out JsonElement? payload)
    {
        for (var node = _unhandled.First; node is not null; node = node.Next)
        {
            if (string.Equals(node.Value.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                payload = node.Value.Payload;
                _unhandled.Remove(node);
                return true;
            }
        }

        payload = null;
        return false;
    }

    public LinkedListNode<Action<JsonElement?>> AddWaiter(string name, Action<JsonElement?> deliver)
    {
        if (!_waiters.TryGetValue(name, out var waiters))
        {
            waiters = new LinkedList<Action<JsonElement?>>();
            _waiters[name] = waiters;
        }

        return waiters.AddLast(deliver);
    }

    public static void RemoveWaiter(LinkedListNode<Action<JsonElement?>> waiter) => waiter.List?.Remove(waiter);

    public ImmutableArray<EventRaised> Unhandled() => [.. _unhandled];
}
