using System.Collections.Immutable;
using DurableDags.Core.Diagnostics;
using DurableDags.Storage.Registry;

namespace DurableDags.Api.Hosting;

/// <summary>What loading a DAG folder did: each DAG stored, and every error of the files skipped.</summary>
public sealed record DagFolderReport(IReadOnlyList<DagFolderReport.Entry> Loaded, ImmutableArray<Diagnostic> Errors)
{
    /// <summary>One DAG file stored: its version now, and whether it was new, unchanged or restored.</summary>
    public sealed record Entry(string DagId, string File, int Version, DagPutOutcome Outcome)
    {
        public override string ToString() => Outcome switch
        {
            DagPutOutcome.Created => $"{DagId}: version {Version} (new) from {File}",
            DagPutOutcome.Restored => $"{DagId}: version {Version} (restored) from {File}",
            _ => $"{DagId}: version {Version} (unchanged) from {File}",
        };
    }
}
