namespace DurableDags.Core.Planning;

/// <summary>What a trigger rule says about a node, given the upstreams finished so far.</summary>
internal enum TriggerDecision
{
    /// <summary>Not decided yet; more upstreams must finish.</summary>
    Wait,

    Run,

    /// <summary>The rule can no longer be met and ends the node skipped.</summary>
    Skip,

    /// <summary>The rule can no longer be met and ends the node upstream_failed.</summary>
    UpstreamFailed,
}
