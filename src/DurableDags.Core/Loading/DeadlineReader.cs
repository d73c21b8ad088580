using DurableDags.Core.Alerts;
using DurableDags.Core.Loading.Tree;

namespace DurableDags.Core.Loading;

/// <summary>
/// Reads <c>deadline</c>: a duration after the run's start (<c>deadline: 2h</c>), or
/// <c>{ after: start | logicalDate, within: 2h }</c>.
/// </summary>
internal static class DeadlineReader
{
    private static readonly IReadOnlyCollection<string> Anchors = ["start", "logicalDate"];

    public static Deadline? Read(FieldReader reader, SourceNode value, FieldName field)
    {
        if (value is SourceScalar)
        {
            return Within(reader, value, field) is { } within ? new Deadline(DeadlineAnchor.Start, within) { Location = value.Location } : null;
        }

        if (reader.Mapping(value, field) is not { } mapping)
        {
            return null;
        }

        var anchor = DeadlineAnchor.Start;
        TimeSpan? duration = null;
        foreach (var (key, item) in mapping.Entries)
        {
            var itemField = new FieldName(key.Value, field.ToString());
            switch (key.Value)
            {
                case "after":
                    anchor = reader.Choice(item, itemField, Anchors) == "logicalDate" ? DeadlineAnchor.LogicalDate : DeadlineAnchor.Start;
                    break;
                case "within":
                    duration = Within(reader, item, itemField);
                    break;
                default:
                    reader.UnknownKey(key, DagKeys.Deadline, field.ToString());
                    break;
            }
        }

        if (mapping.Find("within") is null)
        {
            reader.Error(value, $"{field} needs 'within', a duration such as 2h");
        }

        return duration is { } d ? new Deadline(anchor, d) { Location = value.Location } : null;
    }

    private static TimeSpan? Within(FieldReader reader, SourceNode value, FieldName field)
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
