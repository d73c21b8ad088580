using System.Globalization;
using DurableDags.Api.Files;
using DurableDags.Api.Ids;
using DurableDags.Api.Json;
using DurableDags.Api.Routing;
using DurableDags.Api.Search;
using DurableDags.Api.Views;
using DurableDags.Core.States;
using DurableDags.Storage.Runs;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary>The routes that look across DAGs: every run, filtered and paged, and the files that failed to load.</summary>
public sealed class RunSearchHandlers(RunFinder finder, ImportErrors importErrors)
{
    public async Task<IResult> ListAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var query = new QueryParameters(call.Request);
        var limit = query.Integer("limit", 1, RunQueryHandlers.MaxLimit) ?? RunQueryHandlers.DefaultLimit;
        var filter = new RunFilter
        {
            DagId = DagId(query),
            State = Enum<RunState>(query, "state", WireNames.TryParseRunState),
            Trigger = Enum<TriggerKind>(query, "trigger", TryParseTrigger),
            LogicalFrom = Instant(query, "logicalFrom"),
            LogicalTo = Instant(query, "logicalTo"),
            CreatedFrom = Instant(query, "createdFrom"),
            CreatedTo = Instant(query, "createdTo"),
        };
        RunSearchCursor? cursor = null;
        if (query.Text("cursor") is { } text && (cursor = RunSearchCursor.TryDecode(text)) is null)
        {
            query.Fail("cursor", "not a cursor of this server: pass the 'next' of a previous page unchanged");
        }

        query.ThrowIfInvalid();
        var page = await finder.FindAsync(filter, limit, cursor, call.Cancellation).ConfigureAwait(false);
        return JsonResponse.Ok(new RunListView([.. page.Runs.Select(RunViewMapper.Summary)], page.NextCursor));
    }

    public Task<IResult> ListImportErrorsAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Task.FromResult<IResult>(JsonResponse.Ok(new ImportErrorsView(importErrors.Current)));
    }

    private static string? DagId(QueryParameters query)
    {
        var dagId = query.Text("dagId");
        if (dagId is not null && IdRules.Problem(IdKind.Dag, dagId) is { } problem)
        {
            query.Fail("dagId", $"'{QueryParameters.Shorten(dagId)}' is not a valid dagId: {problem}");
            return null;
        }

        return dagId;
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static T? Enum<T>(QueryParameters query, string name, TryParse<T> parse)
        where T : struct, Enum
    {
        if (query.Text(name) is not { } text)
        {
            return null;
        }

        if (parse(text, out var value))
        {
            return value;
        }

        query.Fail(name, $"'{QueryParameters.Shorten(text)}' is not one of {string.Join(", ", WireNames.All<T>())}");
        return null;
    }

    private static bool TryParseTrigger(string text, out TriggerKind kind)
    {
        foreach (var candidate in System.Enum.GetValues<TriggerKind>())
        {
            if (WireNames.Of(candidate) == text)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    private static DateTimeOffset? Instant(QueryParameters query, string name)
    {
        if (query.Text(name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        query.Fail(name, $"'{QueryParameters.Shorten(text)}' is not an ISO-8601 date or time");
        return null;
    }
}

/// <summary><c>GET /api/import-errors</c>.</summary>
public sealed record ImportErrorsView(IReadOnlyList<ImportError> Errors);
