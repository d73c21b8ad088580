using System.Net.Http.Headers;
using DurableDags.Api.Json;
using DurableDags.Api.Problems;
using DurableDags.Api.Registry;
using DurableDags.Api.Requests;
using DurableDags.Api.Routing;
using DurableDags.Api.Scheduling;
using DurableDags.Api.Views;
using DurableDags.Core.States;
using DurableDags.Storage.Registry;
using DurableDags.Storage.Runs;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary>The DAG routes: list, get, put a new version, pause and unpause.</summary>
public sealed class DagHandlers(DagRegistry registry, ScheduleCache schedules, SchedulerCursors cursors, DagOrigins origins, ApiOptions options, TimeProvider time)
{
    private const int RecentRuns = 10;

    private static readonly string[] DefinitionTypes = ["application/yaml", "application/x-yaml", "text/yaml", "application/json", "text/plain"];

    public async Task<IResult> ListAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var now = time.GetUtcNow();
        var items = new List<DagListItemView>();
        foreach (var dag in await registry.ListAsync(call.Cancellation).ConfigureAwait(false))
        {
            var runs = await registry.Store.ListRunsAsync(dag.DagId, new RunQuery { Limit = RecentRuns }, call.Cancellation).ConfigureAwait(false);
            var recent = runs.Runs.Select(RunViewMapper.Ref).ToList();
            var definition = dag.Definition;
            items.Add(new DagListItemView(
                dag.DagId, definition.Description, definition.Schedule, definition.TimeZone, dag.Entry.Paused, dag.Version.Version,
                await NextRunAtAsync(dag, now, call.Cancellation).ConfigureAwait(false),
                recent.FirstOrDefault(), recent));
        }

        return JsonResponse.Ok(new DagListView(items));
    }

    public async Task<IResult> GetAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var dag = await RequireAsync(call).ConfigureAwait(false);
        var definition = dag.Definition;
        var source = await registry.GetSourceAsync(dag.DagId, dag.Version.Hash, call.Cancellation).ConfigureAwait(false);
        var versions = await registry.Store.ListDagVersionsAsync(dag.DagId, cancellationToken: call.Cancellation).ConfigureAwait(false);
        return JsonResponse.Ok(new DagDetailView(
            dag.DagId, dag.Version.Version, HashText(dag.Version), dag.Entry.Paused, definition.Description, definition.Schedule, definition.TimeZone,
            await NextRunAtAsync(dag, time.GetUtcNow(), call.Cancellation).ConfigureAwait(false),
            source,
            [.. definition.Params.Select(p => new ParamView(
                p.Name, p.Type.ToString().ToLowerInvariant(), p.Default, p.IsRequired, p.Description, p.Enum.IsDefaultOrEmpty ? null : p.Enum))],
            [.. definition.Nodes.Select(n => new NodeDefinitionView(n.Id, n.Type, n.Needs, WireNames.Of(n.Trigger), n.IsMapped, n.If is not null))],
            [.. versions.Select(v => new VersionView(v.Version, HashText(v), v.CreatedAt))])
        {
            Origin = await origins.GetAsync(dag.DagId, call.Cancellation).ConfigureAwait(false),
        });
    }

    public async Task<IResult> PutAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var extension = ExtensionFor(call.Request.ContentType);
        var source = await RequestBody.ReadTextAsync(call.Request, options.MaxDagBytes, call.Cancellation).ConfigureAwait(false);
        if (await origins.FolderFileAsync(call.DagId, call.Cancellation).ConfigureAwait(false) is { } file)
        {
            throw new ApiProblemException(ApiProblem.Conflict(
                $"DAG '{call.DagId}' comes from the server's DAG folder, file {file}",
                "A folder DAG is read-only over the API: change the file (the server loads it within seconds), or remove it from the folder and delete the DAG first."));
        }

        var (result, warnings) = await registry.PutAsync(call.DagId, source, call.DagId + extension, call.Cancellation).ConfigureAwait(false);
        await origins.SetAsync(call.DagId, new DagOriginView(DagOrigins.Api, null), call.Cancellation).ConfigureAwait(false);
        var created = result.Outcome == DagPutOutcome.Created;
        var view = new DagPutView(call.DagId, result.Version.Version, HashText(result.Version), created, warnings);
        return new JsonResponse(created ? StatusCodes.Status201Created : StatusCodes.Status200OK, view, created ? $"/api/dags/{call.DagId}" : null);
    }

    public Task<IResult> PauseAsync(ApiCall call) => SetPausedAsync(call, paused: true);

    public Task<IResult> UnpauseAsync(ApiCall call) => SetPausedAsync(call, paused: false);

    /// <summary>The version hash as the API shows it: <c>sha256:…</c>.</summary>
    public static string HashText(DagVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return "sha256:" + version.Hash;
    }

    private async Task<IResult> SetPausedAsync(ApiCall call, bool paused)
    {
        ArgumentNullException.ThrowIfNull(call);
        var entry = await registry.Store.SetDagPausedAsync(call.DagId, paused, call.Cancellation).ConfigureAwait(false)
            ?? throw new ApiProblemException(UnknownDag(call.DagId));
        return JsonResponse.Ok(new PausedView(entry.DagId, entry.Paused));
    }

    private async Task<RegisteredDag> RequireAsync(ApiCall call) =>
        await registry.GetCurrentAsync(call.DagId, call.Cancellation).ConfigureAwait(false)
            ?? throw new ApiProblemException(UnknownDag(call.DagId));

    private async Task<DateTimeOffset?> NextRunAtAsync(RegisteredDag dag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (dag.Entry.Paused || dag.Definition.Schedule is null)
        {
            return null;
        }

        var cursor = await cursors.GetAsync(dag.DagId, cancellationToken).ConfigureAwait(false);
        return schedules.NextRunAt(dag.Definition, dag.Entry.Paused, cursor, now);
    }

    public static ApiProblem UnknownDag(string dagId) =>
        ApiProblem.NotFound($"There is no DAG '{dagId}'", "PUT /api/dags/{dagId} registers it; GET /api/dags lists the DAGs there are.");

    /// <summary>The file extension messages use for the upload; an unknown content type is refused.</summary>
    private static string ExtensionFor(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return ".yaml";
        }

        var mediaType = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType : null;
        if (mediaType is null || !DefinitionTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(ApiProblem.UnsupportedMediaType(
                $"Send the definition as {string.Join(", ", DefinitionTypes)}; got '{contentType}'."));
        }

        return mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase) ? ".json" : ".yaml";
    }
}
