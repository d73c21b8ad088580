using System.Buffers;
using DurableDags.Core.Definitions;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Api.Ids;

/// <summary>
/// The allowed form of every id a request carries. Every id is checked here before any storage is
/// touched, so <c>../</c>, encoded slashes, control characters and overlong ids never reach a path.
/// </summary>
public static class IdRules
{
    public const int MaxRunIdLength = 128;

    public const int MaxIdempotencyKeyLength = 200;

    private static readonly SearchValues<char> Alnum = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> RunRest = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");
    private static readonly SearchValues<char> NameFirst = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_");
    private static readonly SearchValues<char> EventRest = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-");

    public static bool IsValid(IdKind kind, string? id) => Problem(kind, id) is null;

    /// <summary>What is wrong with <paramref name="id"/> as a sentence fragment, or null when it is allowed.</summary>
    public static string? Problem(IdKind kind, string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "it is empty";
        }

        return kind switch
        {
            IdKind.Dag => Form(id, IdForm.IsDagId(id), IdForm.DagIdRule),
            IdKind.Run => Check(id, Alnum, RunRest, MaxRunIdLength, "a letter or digit, then up to 127 of A-Z, a-z, 0-9, '.', '_' and '-'"),
            IdKind.Node => Form(id, IdForm.IsNodeId(id), IdForm.NodeIdRule),
            IdKind.Event => DagActivityNames.IsReservedEvent(id)
                ? $"names starting with '{DagActivityNames.ReservedEventPrefix}' are reserved for the engine"
                : Check(id, NameFirst, EventRest, 63, "a letter or '_', then up to 62 of A-Z, a-z, 0-9, '.', '_' and '-'"),
            IdKind.IdempotencyKey => CheckKey(id),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown id kind"),
        };
    }

    private static string? Form(string id, bool valid, string rule) =>
        valid ? null : id.Length > 63 ? $"it is {id.Length} characters long, over the limit of 63" : $"it must be {rule}";

    private static string? Check(string id, SearchValues<char> first, SearchValues<char> rest, int maxLength, string form)
    {
        if (id.Length > maxLength)
        {
            return $"it is {id.Length} characters long, over the limit of {maxLength}";
        }

        if (!first.Contains(id[0]) || id.AsSpan(1).IndexOfAnyExcept(rest) >= 0)
        {
            return $"it must be {form}";
        }

        return null;
    }

    private static string? CheckKey(string key)
    {
        if (key.Length > MaxIdempotencyKeyLength)
        {
            return $"it is {key.Length} characters long, over the limit of {MaxIdempotencyKeyLength}";
        }

        foreach (var c in key)
        {
            if (c is < '!' or > '~')
            {
                return "it must be printable ASCII without spaces";
            }
        }

        return null;
    }
}
