namespace DurableDags.Api.Ids;

/// <summary>The kinds of id a request may carry; each has its own allowed form (<see cref="IdRules"/>).</summary>
public enum IdKind
{
    /// <summary>A DAG id, as the DAG format allows: <c>[a-z0-9][a-z0-9_-]{0,62}</c>.</summary>
    Dag,

    /// <summary>A run id: <c>[A-Za-z0-9][A-Za-z0-9._-]{0,127}</c>: one storage key segment, so no ':' (<c>scheduled__20261122T060000Z</c>).</summary>
    Run,

    /// <summary>A node id, as the DAG format allows: <c>[A-Za-z_][A-Za-z0-9_-]{0,62}</c>.</summary>
    Node,

    /// <summary>An event name: <c>[A-Za-z_][A-Za-z0-9_.-]{0,62}</c>.</summary>
    Event,

    /// <summary>An <c>Idempotency-Key</c> header: 1 to 200 printable ASCII characters.</summary>
    IdempotencyKey,
}
