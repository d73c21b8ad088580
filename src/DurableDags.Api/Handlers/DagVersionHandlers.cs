using System.Globalization;
using DurableDags.Api.Json;
using DurableDags.Api.Problems;
using DurableDags.Api.Registry;
using DurableDags.Api.Routing;
using DurableDags.Api.Versions;
using DurableDags.Api.Views;
using DurableDags.Core.States;
using DurableDags.Storage.Registry;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary>A DAG's versions, newest first, one version's definition, and a unified diff between two of them.</summary>
public sealed class DagVersionHandlers(DagRegistry registry)
{
    public const int MaxVersions = 1000;

    public async Task<IResult> ListAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (entry, versions) = await RequireAsync(call).ConfigureAwait(false);
        return JsonResponse.Ok(new DagVersionListView(entry.DagId, [.. versions.Select(v =>
            new DagVersionItemView(v.Version, v.Hash, v.CreatedAt, v.SourceFile, v.Hash == entry.Current.Hash))]));
    }

    /// <summary>
    /// One version's source and nodes: a run is pinned to the version it started on, so the UI
    /// draws an older run on this definition, not on the current one.
    /// </summary>
    public async Task<IResult> GetAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (entry, versions) = await RequireAsync(call).ConfigureAwait(false);
        var version = Find(versions, entry.DagId, call.Version, "version");
        var definition = await registry.GetVersionAsync(entry.DagId, version.Hash, call.Cancellation).ConfigureAwait(false);
        var source = await registry.GetSourceAsync(entry.DagId, version.Hash, call.Cancellation).ConfigureAwait(false);
        return JsonResponse.Ok(new DagVersionDetailView(
            entry.DagId, version.Version, DagHandlers.HashText(version), version.CreatedAt, version.SourceFile, version.Hash == entry.Current.Hash, source,
            [.. definition.Nodes.Select(n => new NodeDefinitionView(n.Id, n.Type, n.Needs, WireNames.Of(n.Trigger), n.IsMapped, n.If is not null))]));
    }

    /// <summary><c>text/plain</c>, empty when the two versions have the same lines.</summary>
    public async Task<IResult> DiffAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (entry, versions) = await RequireAsync(call).ConfigureAwait(false);
        var from = Find(versions, entry.DagId, call.Version, "version");
        var to = Find(versions, entry.DagId, call.OtherVersion, "otherVersion");
        var before = await registry.GetSourceAsync(entry.DagId, from.Hash, call.Cancellation).ConfigureAwait(false);
        var after = await registry.GetSourceAsync(entry.DagId, to.Hash, call.Cancellation).ConfigureAwait(false);
        var diff = UnifiedDiff.Of(before, after, $"{entry.DagId} version {from.Version} ({from.SourceFile})", $"{entry.DagId} version {to.Version} ({to.SourceFile})");
        return Results.Text(diff, "text/plain; charset=utf-8");
    }

    private async Task<(DagEntry Entry, IReadOnlyList<DagVersion> Versions)> RequireAsync(ApiCall call)
    {
        var entry = await registry.Store.GetDagAsync(call.DagId, call.Cancellation).ConfigureAwait(false)
            ?? throw new ApiProblemException(DagHandlers.UnknownDag(call.DagId));
        return (entry, await registry.Store.ListDagVersionsAsync(call.DagId, MaxVersions, call.Cancellation).ConfigureAwait(false));
    }

    private static DagVersion Find(IReadOnlyList<DagVersion> versions, string dagId, string text, string name)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new ApiProblemException(ApiProblem.InvalidRequest("A version is not valid", [ProblemError.At(name, $"'{text}' is not a version number")]));
        }

        return versions.FirstOrDefault(v => v.Version == number)
            ?? throw new ApiProblemException(ApiProblem.NotFound($"DAG '{dagId}' has no version {number}", $"GET /api/dags/{dagId}/versions lists them."));
    }
}

public sealed record DagVersionListView(string Id, IReadOnlyList<DagVersionItemView> Versions);

public sealed record DagVersionDetailView(
    string Id, int Version, string Hash, DateTimeOffset CreatedAt, string SourceFile, bool Current, string Definition, IReadOnlyList<NodeDefinitionView> Nodes);

public sealed record DagVersionItemView(int Version, string Hash, DateTimeOffset CreatedAt, string SourceFile, bool Current);
