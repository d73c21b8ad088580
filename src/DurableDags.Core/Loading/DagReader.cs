using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using DurableDags.Core.Definitions;
using DurableDags.Core.Loading.Tree;

namespace DurableDags.Core.Loading;

/// <summary>Reads the top level of a DAG file into a <see cref="DagDefinition"/>, reporting as it goes.</summary>
internal static partial class DagReader
{
    public static DagDefinition Read(string file, SourceMapping root, FieldReader reader)
    {
        var dag = new DagDefinition { Id = string.Empty, SourceFile = file, Location = root.Location };
        var defaults = root.Find("defaults") is { } d && reader.Mapping(d.Value, FieldName.TopLevel("defaults")) is { } mapping
            ? PolicyReader.ReadDefaults(reader, mapping)
            : NodePolicy.Default;
        dag = dag with { Defaults = defaults };
        SourceNode? start = null;
        foreach (var (key, value) in root.Entries)
        {
            var field = FieldName.TopLevel(key.Value);
            switch (key.Value)
            {
                case "id":
                    dag = dag with { Id = reader.Text(value, field) ?? string.Empty };
                    break;
                case "description":
                    dag = dag with { Description = reader.Text(value, field) };
                    break;
                case "schedule":
                    dag = dag with { Schedule = reader.Text(value, field) };
                    break;
                case "timezone":
                    dag = dag with { TimeZone = reader.Text(value, field) ?? dag.TimeZone };
                    break;
                case "start":
                    start = value;
                    break;
                case "catchup":
                    dag = dag with { Catchup = reader.Boolean(value, field) ?? dag.Catchup };
                    break;
                case "maxActiveRuns":
                    dag = dag with { MaxActiveRuns = SmallInteger(reader, value, field) ?? dag.MaxActiveRuns };
                    break;
                case "maxParallelNodes":
                    dag = dag with { MaxParallelNodes = SmallInteger(reader, value, field) ?? dag.MaxParallelNodes };
                    break;
                case "params":
                    dag = dag with { Params = reader.Mapping(value, field) is { } p ? ParamReader.Read(reader, p) : [] };
                    break;
                case "nodes":
                    dag = dag with { Nodes = ReadNodes(reader, value, defaults) };
                    break;
                case "alerts":
                    dag = dag with { Alerts = AlertReader.Read(reader, value, string.Empty) };
                    break;
                case "deadline":
                    dag = dag with { Deadline = DeadlineReader.Read(reader, value, field) };
                    break;
                case "defaults" or DagKeys.Schema:
                    break;
                default:
                    reader.UnknownKey(key, DagKeys.TopLevel, string.Empty);
                    break;
            }
        }

        foreach (var required in (ReadOnlySpan<string>)["id", "nodes"])
        {
            if (root.Find(required) is null)
            {
                reader.Error(root, $"missing '{required}'; a DAG needs at least 'id' and 'nodes'");
            }
        }

        return start is null ? dag : dag with { Start = ReadStart(reader, start, dag.TimeZone) };
    }

    private static ImmutableArray<NodeDefinition> ReadNodes(FieldReader reader, SourceNode value, NodePolicy defaults)
    {
        if (reader.Mapping(value, FieldName.TopLevel("nodes")) is not { } mapping)
        {
            return [];
        }

        if (mapping.Entries.Count == 0)
        {
            reader.Error(value, "'nodes' is empty; a DAG needs at least one node");
        }

        if (mapping.Entries.Count > DagLimits.MaxNodes)
        {
            reader.Error(value, $"'nodes' has {mapping.Entries.Count} nodes, more than the limit of {DagLimits.MaxNodes}; split the DAG, or run parts of it as child DAGs (type: dag)");
            return [];
        }

        var nodes = ImmutableArray.CreateBuilder<NodeDefinition>(mapping.Entries.Count);
        foreach (var entry in mapping.Entries)
        {
            nodes.Add(NodeReader.Read(reader, entry, defaults));
        }

        return nodes.ToImmutable();
    }

    private static int? SmallInteger(FieldReader reader, SourceNode value, FieldName field) =>
        reader.Integer(value, field) is { } number ? (int)Math.Clamp(number, int.MinValue, int.MaxValue) : null;

    /// <summary>
    /// An ISO 8601 date or date-time. Without an offset it is read in the DAG's time zone, as
    /// Airflow reads a naive <c>start_date</c> in its default zone.
    /// </summary>
    private static DateTimeOffset? ReadStart(FieldReader reader, SourceNode value, string timeZone)
    {
        var text = reader.Text(value, FieldName.TopLevel("start"));
        if (text is null)
        {
            return null;
        }

        var match = StartPattern().Match(text);
        if (match.Success && match.Groups["offset"].Success
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset;
        }

        if (match.Success && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));
        }

        reader.Error(value, $"'start' must be an ISO 8601 date or date-time such as 2026-01-01 or 2026-01-01T06:00:00Z, got {value.Describe()}");
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?<offset>Z|[+-]\d{2}:\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex StartPattern();
}
