using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Api.Problems;

namespace DurableDags.Api.Backfills;

/// <summary>
/// The body of <c>POST /api/dags/{dagId}/backfills</c>. <see cref="From"/> and <see cref="To"/>
/// are kept as text: a date alone is a day in the DAG's zone, which only the DAG knows.
/// </summary>
public sealed record BackfillRequest
{
    public const int MaxActiveRunsLimit = 1000;

    public required string From { get; init; }

    public required string To { get; init; }

    public bool Reverse { get; init; }

    /// <summary>Null: the DAG's own maxActiveRuns.</summary>
    public int? MaxActiveRuns { get; init; }

    public bool RerunFailed { get; init; }

    public bool SkipExisting { get; init; } = true;

    public bool DryRun { get; init; }

    /// <exception cref="ApiProblemException">400 naming every bad or unknown field.</exception>
    public static BackfillRequest Read(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new List<ProblemError>();
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        string? from = null, to = null;
        int? maxActiveRuns = null;
        foreach (var (name, value) in body)
        {
            switch (name)
            {
                case "from":
                case "to":
                    var text = value?.GetValueKind() == JsonValueKind.String ? (string?)value : null;
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        errors.Add(ProblemError.At(name, "expected a date (2026-03-27) or an ISO-8601 time"));
                    }

                    (from, to) = name == "from" ? (text, to) : (from, text);
                    break;
                case "maxActiveRuns":
                    if (value?.GetValueKind() == JsonValueKind.Number && value.AsValue().TryGetValue<int>(out var max) && max is >= 1 and <= MaxActiveRunsLimit)
                    {
                        maxActiveRuns = max;
                    }
                    else
                    {
                        errors.Add(ProblemError.At(name, $"expected a whole number from 1 to {MaxActiveRunsLimit}"));
                    }

                    break;
                case "reverse" or "rerunFailed" or "skipExisting" or "dryRun":
                    if (value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                    {
                        flags[name] = (bool)value;
                    }
                    else
                    {
                        errors.Add(ProblemError.At(name, "expected true or false"));
                    }

                    break;
                default:
                    errors.Add(ProblemError.At(name, $"'{name}' is not a field of a backfill; use from, to, reverse, maxActiveRuns, rerunFailed, skipExisting, dryRun"));
                    break;
            }
        }

        foreach (var required in new[] { "from", "to" }.Where(r => !body.ContainsKey(r)))
        {
            errors.Add(ProblemError.At(required, "is required"));
        }

        if (errors.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.InvalidRequest("The backfill request is not valid", errors));
        }

        return new BackfillRequest
        {
            From = from!,
            To = to!,
            MaxActiveRuns = maxActiveRuns,
            Reverse = flags.GetValueOrDefault("reverse"),
            RerunFailed = flags.GetValueOrDefault("rerunFailed"),
            SkipExisting = flags.GetValueOrDefault("skipExisting", true),
            DryRun = flags.GetValueOrDefault("dryRun"),
        };
    }
}
