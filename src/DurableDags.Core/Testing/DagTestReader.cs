using System.Collections.Immutable;
using DurableDags.Core.Loading;
using DurableDags.Core.Loading.Tree;

namespace DurableDags.Core.Testing;

/// <summary>Reads the top level of a test file and its test cases, reporting as it goes.</summary>
internal static class DagTestReader
{
    private static readonly string[] TopKeys = ["dag", "secrets", "vars", "responses", "tests"];
    private static readonly string[] CaseKeys = ["description", "params", "secrets", "vars", "responses", "events", "blobs", "expect"];

    public static DagTestFile Read(string file, SourceMapping root, FieldReader reader)
    {
        var dag = DagTestFile.DefaultDagOf(file);
        var secrets = ImmutableDictionary<string, string>.Empty;
        var vars = ImmutableDictionary<string, string>.Empty;
        var shared = ImmutableArray<CannedRoute>.Empty;
        SourceMapping? tests = null;
        foreach (var (key, value) in root.Entries)
        {
            var field = FieldName.TopLevel(key.Value);
            switch (key.Value)
            {
                case "dag":
                    dag = reader.Text(value, field) ?? dag;
                    break;
                case "secrets":
                    secrets = ReadTexts(reader, value, field);
                    break;
                case "vars":
                    vars = ReadTexts(reader, value, field);
                    break;
                case "responses":
                    shared = CannedRouteReader.ReadAll(reader, value, field);
                    break;
                case "tests":
                    tests = reader.Mapping(value, field);
                    break;
                default:
                    reader.UnknownKey(key, TopKeys, string.Empty);
                    break;
            }
        }

        if (root.Find("tests") is null)
        {
            reader.Error(root, "missing 'tests'; a test file needs at least one test");
        }
        else if (tests is { Entries.Count: 0 })
        {
            reader.Error(tests, "'tests' is empty; a test file needs at least one test");
        }

        var cases = (tests?.Entries ?? []).Select(entry => ReadCase(reader, entry, secrets, vars, shared));
        return new DagTestFile { File = file, Dag = dag, Tests = [.. cases.OfType<DagTestCase>()] };
    }

    private static DagTestCase? ReadCase(FieldReader reader, SourceEntry entry, ImmutableDictionary<string, string> sharedSecrets, ImmutableDictionary<string, string> sharedVars, ImmutableArray<CannedRoute> shared)
    {
        var owner = $"test '{entry.Key.Value}'";
        if (reader.Mapping(entry.Value, FieldName.Whole(owner)) is not { } mapping)
        {
            return null;
        }

        var test = new DagTestCase { Name = entry.Key.Value, Location = entry.Key.Location, Secrets = sharedSecrets, Vars = sharedVars };
        var own = ImmutableArray<CannedRoute>.Empty;
        foreach (var (key, value) in mapping.Entries)
        {
            var field = new FieldName(key.Value, owner);
            switch (key.Value)
            {
                case "description":
                    test = test with { Description = reader.Text(value, field) };
                    break;
                case "params":
                    test = reader.Mapping(value, field) is { } p ? test with { Params = reader.Json(p) } : test;
                    break;
                case "secrets":
                    test = test with { Secrets = sharedSecrets.SetItems(ReadTexts(reader, value, field)) };
                    break;
                case "vars":
                    test = test with { Vars = sharedVars.SetItems(ReadTexts(reader, value, field)) };
                    break;
                case "responses":
                    own = CannedRouteReader.ReadAll(reader, value, field);
                    break;
                case "events":
                    test = test with { Events = ReadEvents(reader, value, field) };
                    break;
                case "blobs":
                    test = test with { Blobs = ReadBlobs(reader, value, field) };
                    break;
                case "expect":
                    test = test with { Expect = ExpectationReader.Read(reader, value, owner) };
                    break;
                default:
                    reader.UnknownKey(key, CaseKeys, owner);
                    break;
            }
        }

        if (mapping.Find("expect") is null)
        {
            reader.Error(entry.Key, $"{owner} has no 'expect'; say at least the run state it should end in, e.g. expect: {{ run: succeeded }}");
        }

        return test with { Responses = [.. own, .. shared] };
    }

    /// <summary>A mapping of names to texts: <c>secrets</c> and <c>vars</c>.</summary>
    private static ImmutableDictionary<string, string> ReadTexts(FieldReader reader, SourceNode value, FieldName field)
    {
        var texts = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, entry) in reader.Mapping(value, field)?.Entries ?? [])
        {
            if (reader.Text(entry, new FieldName(key.Value, $"{field}")) is { } text)
            {
                texts[key.Value] = text;
            }
        }

        return texts.ToImmutable();
    }

    private static ImmutableArray<string> ReadBlobs(FieldReader reader, SourceNode value, FieldName field)
    {
        if (value is not SourceSequence sequence)
        {
            reader.Error(value, $"{field} must be a list of blobs written container/name, got {value.Describe()}");
            return [];
        }

        var blobs = ImmutableArray.CreateBuilder<string>();
        foreach (var item in sequence.Items)
        {
            if (reader.Text(item, field) is not { } blob)
            {
                continue;
            }

            if (blob.IndexOf('/', StringComparison.Ordinal) is <= 0 || blob.EndsWith('/'))
            {
                reader.Error(item, $"{field}: write each blob as container/name, got '{blob}'");
            }
            else
            {
                blobs.Add(blob);
            }
        }

        return blobs.ToImmutable();
    }

    private static ImmutableArray<CannedEvent> ReadEvents(FieldReader reader, SourceNode value, FieldName field)
    {
        var events = ImmutableArray.CreateBuilder<CannedEvent>();
        foreach (var (key, payload) in reader.Mapping(value, field)?.Entries ?? [])
        {
            var json = payload is SourceScalar { Kind: ScalarKind.Null } ? (System.Text.Json.JsonElement?)null : reader.Json(payload);
            events.Add(new CannedEvent(key.Value, json, key.Location));
        }

        return events.ToImmutable();
    }
}
