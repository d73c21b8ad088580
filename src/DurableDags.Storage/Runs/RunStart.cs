using DurableDags.Storage.Checkpoints;

namespace DurableDags.Storage.Runs;

/// <summary>
/// The run a start request resolved to. <see cref="Created"/> is true for exactly one caller per
/// run id: the one that must set the run going. Everyone else got an existing run (a repeated
/// run id or idempotency key).
/// </summary>
public sealed record RunStart(Versioned<RunRecord> Run, bool Created);
