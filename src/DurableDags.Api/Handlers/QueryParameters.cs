using System.Globalization;
using DurableDags.Api.Ids;
using DurableDags.Api.Problems;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary>Reads optional query parameters, collecting every bad one into a single 400.</summary>
internal sealed class QueryParameters(HttpRequest request)
{
    private readonly List<ProblemError> _errors = [];

    public string? Text(string name) => request.Query.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

    public int? Integer(string name, int min, int max)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        _errors.Add(ProblemError.At(name, $"'{Shorten(text)}' is not a whole number from {min} to {max}"));
        return null;
    }

    /// <summary>An optional id of the given kind (<c>dagId=</c>), checked as route ids are.</summary>
    public string? Id(string name, IdKind kind)
    {
        var id = Text(name);
        if (id is not null && IdRules.Problem(kind, id) is { } problem)
        {
            _errors.Add(ProblemError.At(name, $"'{Shorten(id)}' is not a valid {name}: {problem}"));
            return null;
        }

        return id;
    }

    /// <summary>An optional ISO-8601 date or time; one without an offset is UTC.</summary>
    public DateTimeOffset? Instant(string name)
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        _errors.Add(ProblemError.At(name, $"'{Shorten(text)}' is not an ISO-8601 date or time"));
        return null;
    }

    public void Fail(string name, string message) => _errors.Add(ProblemError.At(name, message));

    /// <exception cref="ApiProblemException">400 listing every bad parameter.</exception>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.InvalidRequest("A query parameter is not valid", _errors));
        }
    }

    public static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
