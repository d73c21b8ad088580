using DurableDags.Orchestration.Contracts;

namespace DurableDags.Orchestration.Runs;

/// <summary>The run loop's record of an attempt in flight, and the output a child run leaves its node.</summary>
internal sealed partial class DagRunLoop
{
    /// <summary>An attempt in flight: its progress and the tokens that end its timers.</summary>
    private sealed class LiveAttempt(AttemptProgress progress, int order)
    {
        public AttemptProgress Progress { get; set; } = progress;

        /// <summary>Creation order: attempts released together are handled in this order on every replay.</summary>
        public int Order { get; } = order;

        public CancellationTokenSource Lifetime { get; } = new();

        public CancellationTokenSource? Wait { get; set; }
    }

    private sealed record ChildRunOutput(string DagId, string RunId, string State);
}
