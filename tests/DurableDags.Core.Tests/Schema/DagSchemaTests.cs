using System.Collections.Immutable;
using DurableDags.Core.Definitions;
using DurableDags.Core.Diagnostics;
using DurableDags.Core.Loading;
using DurableDags.Core.Loading.Tree;
using DurableDags.Core.Operators;
using DurableDags.Core.States;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Schema;

namespace DurableDags.Core.Tests.Schema;

/// <summary>
/// schema/dag.schema.json, which editors use to complete and check DAG files, must accept every
/// example and agree with the loader and the operator catalog key for key.
/// </summary>
public class DagSchemaTests
{
    private static readonly JObject Document = JObject.Parse(File.ReadAllText(RepoFiles.Path("schema", "dag.schema.json")));

    private static readonly JSchema Schema = JSchema.Parse(Document.ToString());

    public static TheoryData<string> Examples() =>
        [.. Directory.EnumerateFiles(RepoFiles.Path("examples", "dags")).Select(f => Path.GetFileName(f)).Order()];

    /// <summary>A YAML file as the JSON an editor's YAML 1.2 parser gives the schema.</summary>
    private static JToken AsJson(string yaml)
    {
        var bag = new DiagnosticBag();
        var root = SourceTreeReader.Read("x.yaml", yaml, bag);
        Assert.False(bag.HasErrors);
        return JToken.Parse(SourceJson.ToJson(root!, bag).GetRawText());
    }

    private static IList<string> Errors(string yaml)
    {
        AsJson(yaml).IsValid(Schema, out IList<string> errors);
        return errors;
    }

    private static JObject Def(string name) => (JObject)Document["$defs"]![name]!;

    private static IEnumerable<string> Properties(JObject schema) => ((JObject)schema["properties"]!).Properties().Select(p => p.Name);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_is_valid_against_the_schema(string file)
    {
        Assert.Empty(Errors(File.ReadAllText(RepoFiles.Path("examples", "dags", file))));
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
        Assert.Equal(["id", "nodes"], Document["required"]!.Values<string>());
        Assert.Equal(DurableDags.Core.Alerts.AlertKinds.DagKeys.Order(), Properties(Def("alerts")).Order());
        Assert.Equal(DurableDags.Core.Alerts.AlertKinds.NodeKeys.Order(), Properties(Def("nodeAlerts")).Order());
        Assert.Equal(DagKeys.Deadline.Order(), Properties((JObject)Def("deadline")["anyOf"]![1]!).Order());
    }

    [Fact]
    public void Schema_and_code_agree_on_the_names_of_triggers_backoffs_param_types_and_operators()
    {
        Assert.Equal(WireNames.All<TriggerRule>(), Def("node")["properties"]!["trigger"]!["enum"]!.Values<string>());
        Assert.Equal(WireNames.All<RetryBackoff>(), Def("policy")["properties"]!["retryBackoff"]!["enum"]!.Values<string>());
        Assert.Equal(WireNames.All<ParamType>(), Def("param")["properties"]!["type"]!["enum"]!.Values<string>());
        Assert.Equal(OperatorCatalog.BuiltIn.Names, Def("node")["properties"]!["type"]!["anyOf"]![0]!["enum"]!.Values<string>());
        Assert.Equal(OperatorCatalog.BuiltIn.Names, Def("node")["allOf"]!.Select(rule => (string)rule["if"]!["properties"]!["type"]!["const"]!));
    }

    [Fact]
    public void Each_operators_settings_in_the_schema_match_its_spec()
    {
        foreach (var spec in OperatorCatalog.BuiltIn.Specs)
        {
            AssertSettings(spec.Name, Def($"with-{spec.Name}"), spec.Settings, spec.ExactlyOneOf);
        }
    }

    private static void AssertSettings(string where, JObject schema, ImmutableArray<SettingSpec> settings, ImmutableArray<ImmutableArray<string>> exactlyOneOf)
    {
        Assert.True((bool?)schema["additionalProperties"] == false, where);
        Assert.Equal(settings.Select(s => s.Name), Properties(schema));
        Assert.Equal(settings.Where(s => s.Required).Select(s => s.Name), schema["required"]?.Values<string>() ?? []);
        Assert.Equal(exactlyOneOf.SelectMany(g => g), schema["oneOf"]?.Select(o => (string)o["required"]![0]!) ?? []);
        foreach (var setting in settings)
        {
            var property = (JObject)schema["properties"]![setting.Name]!;
            Assert.False(string.IsNullOrEmpty((string?)property["description"]), $"{where}.{setting.Name}");
            if (setting.Type == SettingType.Object)
            {
                AssertSettings($"{where}.{setting.Name}", property, setting.Settings, setting.ExactlyOneOf);
            }

            if (!setting.Allowed.IsEmpty)
            {
                Assert.Equal(setting.Allowed, property["anyOf"]![0]!["enum"]!.Values<string>());
            }
        }
    }
}
