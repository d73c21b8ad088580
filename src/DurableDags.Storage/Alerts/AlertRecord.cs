namespace DurableDags.Storage.Alerts;

/// <summary>One alert to one target, as delivered or given up on; the run page lists them.</summary>
public sealed record AlertRecord
{
    /// <summary>The event's idempotency key and the target's position: <c>run:node:attempt:kind#target</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The <c>alerts</c> key of the event: <c>onRunFailed</c>, <c>onRetry</c>…</summary>
    public required string Kind { get; init; }

    public string? NodeId { get; init; }

    public int? MapIndex { get; init; }

    public int Attempt { get; init; }

    /// <summary>The channel and where it posts, never the URL itself (<c>slack secrets.SLACK_WEBHOOK_URL</c>).</summary>
    public required string Target { get; init; }

    public required AlertDeliveryState State { get; init; }

    /// <summary>Deliveries tried so far, over every call of the activity.</summary>
    public int Tries { get; init; }

    /// <summary>The receiver's HTTP status on the last try, when it answered.</summary>
    public int? Status { get; init; }

    public string? Error { get; init; }

    public required DateTimeOffset At { get; init; }
}

public enum AlertDeliveryState
{
    Sent,
    Failed,
}
