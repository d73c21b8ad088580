using DurableDags.Core.Definitions;
using DurableDags.Core.Loading.Tree;

namespace DurableDags.Core.Loading;

/// <summary>
/// Reads retry and timeout keys, from <c>defaults</c> or from a node, over a base policy: a node's
/// policy starts from the DAG's defaults, so each node carries its merged policy.
/// </summary>
internal static class PolicyReader
{
    /// <summary>Extra attempts beyond this are almost always a mistake (a duration typed as a count).</summary>
    public const int MaxRetries = 100;

    private static readonly IReadOnlyCollection<string> Backoffs = FieldReader.WireNamesOf<RetryBackoff>();

    public static NodePolicy ReadDefaults(FieldReader reader, SourceMapping mapping)
    {
        var policy = NodePolicy.Default;
        foreach (var entry in mapping.Entries)
        {
            if (!TryApply(reader, ref policy, entry, "defaults"))
            {
                reader.UnknownKey(entry.Key, DagKeys.Policy, "defaults");
            }
        }

        return policy;
    }

    /// <summary>Applies <paramref name="entry"/> when it is a policy key; false when it is some other key.</summary>
    public static bool TryApply(FieldReader reader, ref NodePolicy policy, SourceEntry entry, string owner)
    {
        var field = new FieldName(entry.Key.Value, owner);
        var value = entry.Value;
        switch (entry.Key.Value)
        {
            case "retries":
                if (reader.Integer(value, field) is { } retries)
                {
                    if (retries is < 0 or > MaxRetries)
                    {
                        reader.Error(value, $"{field} must be between 0 and {MaxRetries}, got {retries}");
                    }
                    else
                    {
                        policy = policy with { Retries = (int)retries };
                    }
                }

                return true;
            case "retryDelay":
                policy = policy with { RetryDelay = reader.Duration(value, field) ?? policy.RetryDelay };
                return true;
            case "retryBackoff":
                if (reader.Choice(value, field, Backoffs) is { } backoff)
                {
                    policy = policy with { Backoff = backoff == "exponential" ? RetryBackoff.Exponential : RetryBackoff.Fixed };
                }

                return true;
            case "maxRetryDelay":
                policy = policy with { MaxRetryDelay = Positive(reader, value, field) ?? policy.MaxRetryDelay };
                return true;
            case "timeout":
                policy = policy with { Timeout = Positive(reader, value, field) ?? policy.Timeout };
                return true;
            default:
                return false;
        }
    }

    private static TimeSpan? Positive(FieldReader reader, SourceNode value, FieldName field)
    {
        var duration = reader.Duration(value, field);
        if (duration == TimeSpan.Zero)
        {
            reader.Error(value, $"{field} must be longer than 0s");
            return null;
        }

        return duration;
    }
}
