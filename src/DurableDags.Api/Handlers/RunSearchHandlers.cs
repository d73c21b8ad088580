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
    private const int MaxRunIdText = 128;

    public async Task<IResult> ListAsync(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var query = new QueryParameters(call.Request);
        var limit = query.Integer("limit", 1, RunQueryHandlers.MaxLimit) ?? RunQueryHandlers.DefaultLimit;
        var filter = new RunFilter
        {
            DagId = query.Id("dagId", IdKind.Dag),
            State = Enum<RunState>(query, "state", WireNames.TryParseRunState),
            Trigger = Enum<TriggerKind>(query, "trigger", TryParseTrigger),
            LogicalFrom = query.Instant("logicalFrom"),
            LogicalTo = query.Instant("logicalTo"),
            CreatedFrom = query.Instant("createdFrom"),
            CreatedTo = query.Instant("createdTo"),
            RunIdContains = RunIdText(query),
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

    private static string? RunIdText(QueryParameters query)
    {
        var text = query.Text("q")?.Trim();
        if (text is { Length: > MaxRunIdText })
        {
            query.Fail("q", $"at most {MaxRunIdText} characters: a run id is no longer");
        }

        return string.IsNullOrEmpty(text) ? null : text;
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
}

/// <summary><c>GET /api/import-errors</c>.</summary>
public sealed record ImportErrorsView(IReadOnlyList<ImportError> Errors);
