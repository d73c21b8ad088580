namespace DurableDags.Core.Definitions;

/// <summary>When a node may run, judged from its upstreams' final states (Airflow's trigger rules).</summary>
public enum TriggerRule
{
    AllSuccess,
    AllFailed,
    AllDone,
    OneSuccess,
    OneFailed,
    NoneFailed,
    NoneFailedMinOneSuccess,
    NoneSkipped,
    Always,
}
