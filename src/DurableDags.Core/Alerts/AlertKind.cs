namespace DurableDags.Core.Alerts;

/// <summary>What happened that a DAG can alert on; the wire name is the key in <c>alerts</c>.</summary>
public enum AlertKind
{
    /// <summary><c>onRunFailed</c>: the run ended failed.</summary>
    RunFailed,

    /// <summary><c>onNodeFailed</c>: a node (instance) failed after its last retry.</summary>
    NodeFailed,

    /// <summary><c>onRetry</c>: an attempt failed and a retry is scheduled.</summary>
    Retry,

    /// <summary><c>onSuccess</c>: the run ended succeeded.</summary>
    Success,

    /// <summary><c>onRecovery</c>: the run succeeded and the DAG's run before it had failed.</summary>
    Recovery,

    /// <summary><c>onDeadlineMissed</c>: the run or a node had not ended by its <c>deadline</c>.</summary>
    DeadlineMissed,
}
