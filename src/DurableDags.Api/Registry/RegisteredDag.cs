using DurableDags.Core.Definitions;
using DurableDags.Storage.Registry;

namespace DurableDags.Api.Registry;

/// <summary>A DAG's registry entry (current version, paused) with that version parsed.</summary>
public sealed record RegisteredDag(DagEntry Entry, DagDefinition Definition)
{
    public string DagId => Entry.DagId;

    public DagVersion Version => Entry.Current;
}
