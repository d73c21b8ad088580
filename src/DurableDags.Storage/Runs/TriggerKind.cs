namespace DurableDags.Storage.Runs;

/// <summary>What started a run. Wire names are snake_case like every enum the store writes.</summary>
public enum TriggerKind
{
    Schedule,
    Http,
    Rerun,
    Child,
    Backfill,
}
