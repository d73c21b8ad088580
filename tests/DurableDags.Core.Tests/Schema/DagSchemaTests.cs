using System.Collections.Immutable;
using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading;
using DurableDags.Core.Loading.Tree;
using DurableDags.Core.Operators;
using DurableDags.Core.States;
using DurableDags.Core.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace DurableDags.Core.Tests.Schema;

/// <summary>
/// schema/dag.schema.json, which editors use to complete and check DAG files, must accept every
/// example and agree with the loader and the operator catalog key for key.
/// </summary>
public class DagSchemaTests
{
    private static readonly string SchemaText = File.ReadAllText(RepoFiles.Path("schema", "dag.schema.json"));

    private static readonly JsonObject Document = JsonNode.Parse(SchemaText)!.AsObject();

    private static readonly JsonSchema Schema = JsonSchema.FromText(SchemaText);

    /// <summary>The examples ./build.sh run serves and the Azure recipes, as <c>folder/file</c>.</summary>
    public static TheoryData<string> Examples() =>
        [.. new[] { "dags", "azure" }.SelectMany(folder => Directory.EnumerateFiles(RepoFiles.Path("examples", folder))
            .Where(f => !DagTestFile.IsTestFile(f)).Select(f => $"{folder}/{Path.GetFileName(f)}")).Order()];

    /// <summary>A YAML file as the JSON an editor's YAML 1.2 parser gives the schema.</summary>
    private static JsonElement AsJson(string yaml)
    {
        var bag = new DiagnosticBag();
        var root = SourceTreeReader.Read("x.yaml", yaml, bag);
        Assert.False(bag.HasErrors);
        return SourceJson.ToJson(root!, bag);
    }

    /// <summary>
    /// Nothing when the file is valid; else every failed keyword as "instance location: message", so
    /// a failing assertion says what the schema disliked. The list output also reports keywords that
    /// fail harmlessly (an `if` that does not apply, a losing `anyOf` branch), hence validity first.
    /// </summary>
    private static List<string> Errors(string yaml)
    {
        var results = Schema.Evaluate(AsJson(yaml), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var errors = (results.Details ?? [])
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid, with no message from the schema"];
    }

    private static JsonObject Def(string name) => Document["$defs"]![name]!.AsObject();

    private static IEnumerable<string> Properties(JsonObject schema) => schema["properties"]!.AsObject().Select(p => p.Key);

    private static IEnumerable<string> Strings(JsonNode? array) => array?.AsArray().Select(n => n!.GetValue<string>()) ?? [];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_is_valid_against_the_schema(string file)
    {
        Assert.Empty(Errors(File.ReadAllText(RepoFiles.Path(["examples", .. file.Split('/')]))));
    }

    [Fact]
    public void The_example_of_the_spec_is_valid_against_the_schema()
    {
        Assert.Empty(Errors(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Loading", "Fixtures", "valid-carrier-costs.yaml"))));
    }

    [Theory]
    [InlineData("id: x\nnodes: { a: { type: noop } }\nshedule: '@daily'\n")]
    [InlineData("id: x\nnodes: { a: { type: noop, trigger: all_succes } }\n")]
    [InlineData("id: x\nnodes: { a: { type: http, with: { method: GET } } }\n")]
    [InlineData("id: x\nnodes: { a: { type: noop, retryDelay: 30 } }\n")]
    [InlineData("id: x\nnodes: { a: { type: sensor, with: { http: { url: 'https://a' }, blob: { container: c, name: n } } } }\n")]
    [InlineData("id: Upper\nnodes: { a: { type: noop } }\n")]
    [InlineData("id: x\nnodes: { a: { type: noop, with: { x: 1 } } }\n")]
    [InlineData("id: x\nalerts: { onFailure: slack }\nnodes: { a: { type: noop } }\n")]
    [InlineData("id: x\nalerts: { onRunFailed: { channel: email } }\nnodes: { a: { type: noop } }\n")]
    [InlineData("id: x\nnodes: { a: { type: noop, alerts: { onRunFailed: slack } } }\n")]
    [InlineData("id: x\ndeadline: { after: end, within: 1h }\nnodes: { a: { type: noop } }\n")]
    [InlineData("id: x\nnodes: { a: { type: noop, deadline: 2 } }\n")]
    public void The_schema_rejects_what_the_loader_rejects(string yaml)
    {
        Assert.NotEmpty(Errors(yaml));
        Assert.NotEmpty(DagLoader.Load("x.yaml", yaml, OperatorCatalog.BuiltIn).Diagnostics);
    }

    [Fact]
    public void Schema_and_loader_agree_on_the_keys_of_each_level()
    {
        Assert.Equal(DagKeys.TopLevel.Order(), Properties(Document).Order());
        Assert.Equal(DagKeys.Node.Order(), Properties(Def("node")).Order());
        Assert.Equal(DagKeys.Policy.Order(), Properties(Def("policy")).Order());
        Assert.Equal(DagKeys.Param.Order(), Properties(Def("param")).Order());
        Assert.Equal(["id", "nodes"], Strings(Document["required"]));
        Assert.Equal(DurableDags.Core.Alerts.AlertKinds.DagKeys.Order(), Properties(Def("alerts")).Order());
        Assert.Equal(DurableDags.Core.Alerts.AlertKinds.NodeKeys.Order(), Properties(Def("nodeAlerts")).Order());
        Assert.Equal(DagKeys.Deadline.Order(), Properties(Def("deadline")["anyOf"]![1]!.AsObject()).Order());
    }

    [Fact]
    public void Schema_and_code_agree_on_the_names_of_triggers_backoffs_param_types_and_operators()
    {
        Assert.Equal(WireNames.All<TriggerRule>(), Strings(Def("node")["properties"]!["trigger"]!["enum"]));
        Assert.Equal(WireNames.All<RetryBackoff>(), Strings(Def("policy")["properties"]!["retryBackoff"]!["enum"]));
        Assert.Equal(WireNames.All<ParamType>(), Strings(Def("param")["properties"]!["type"]!["enum"]));
        Assert.Equal(OperatorCatalog.BuiltIn.Names, Strings(Def("node")["properties"]!["type"]!["anyOf"]![0]!["enum"]));
        Assert.Equal(OperatorCatalog.BuiltIn.Names, Def("node")["allOf"]!.AsArray().Select(rule => rule!["if"]!["properties"]!["type"]!["const"]!.GetValue<string>()));
    }

    [Fact]
    public void Each_operators_settings_in_the_schema_match_its_spec()
    {
        foreach (var spec in OperatorCatalog.BuiltIn.Specs)
        {
            AssertSettings(spec.Name, Def($"with-{spec.Name}"), spec.Settings, spec.ExactlyOneOf);
        }
    }

    private static void AssertSettings(string where, JsonObject schema, ImmutableArray<SettingSpec> settings, ImmutableArray<ImmutableArray<string>> exactlyOneOf)
    {
        Assert.True(schema["additionalProperties"]?.GetValue<bool>() == false, where);
        Assert.Equal(settings.Select(s => s.Name), Properties(schema));
        Assert.Equal(settings.Where(s => s.Required).Select(s => s.Name), Strings(schema["required"]));
        Assert.Equal(exactlyOneOf.SelectMany(g => g), schema["oneOf"]?.AsArray().Select(o => o!["required"]![0]!.GetValue<string>()) ?? []);
        foreach (var setting in settings)
        {
            var property = schema["properties"]![setting.Name]!.AsObject();
            Assert.False(string.IsNullOrEmpty(property["description"]?.GetValue<string>()), $"{where}.{setting.Name}");
            if (setting.Type == SettingType.Object)
            {
                AssertSettings($"{where}.{setting.Name}", property, setting.Settings, setting.ExactlyOneOf);
            }

            if (!setting.Allowed.IsEmpty)
            {
                Assert.Equal(setting.Allowed, Strings(property["anyOf"]![0]!["enum"]));
            }
        }
    }
}
