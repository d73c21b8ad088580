using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Definitions;
using DurableDags.Core.Params;

namespace DurableDags.Core.Tests.Params;

public class RunParamsTests
{
    private static readonly RunIdentity Run = new("carrier-costs", "scheduled__2026-11-22T06:00:00Z", new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero));

    private static readonly DagDefinition Dag = new()
    {
        Id = "carrier-costs",
        Params =
        [
            new ParamDefinition { Name = "date", Type = ParamType.String, Default = Json("\"${{ formatDate(run.logicalDate, 'yyyy-MM-dd') }}\"") },
            new ParamDefinition { Name = "dryRun", Type = ParamType.Boolean, Default = Json("false") },
            new ParamDefinition { Name = "minCost", Type = ParamType.Number, Default = Json("0") },
            new ParamDefinition { Name = "count", Type = ParamType.Integer, Default = Json("1") },
            new ParamDefinition { Name = "region", Type = ParamType.String },
            new ParamDefinition { Name = "mode", Type = ParamType.String, Default = Json("\"fast\""), Enum = [Json("\"fast\""), Json("\"full\"")] },
        ],
    };

    [Fact]
    public void Defaults_fill_what_is_not_given_and_expressions_see_the_logical_date()
    {
        var binding = RunParams.Bind(Dag, new JsonObject { ["region"] = "eu" }, Run);

        Assert.True(binding.IsValid);
        Assert.Equal(
            """{"date":"2026-11-22","dryRun":false,"minCost":0,"count":1,"region":"eu","mode":"fast"}""",
            binding.Values.ToJsonString());
    }

    [Fact]
    public void Given_values_win_over_defaults()
    {
        var binding = RunParams.Bind(Dag, new JsonObject { ["region"] = "eu", ["date"] = "2020-01-01", ["mode"] = "full", ["count"] = 3 }, Run);

        Assert.True(binding.IsValid);
        Assert.Equal("2020-01-01", (string?)binding.Values["date"]);
        Assert.Equal("full", (string?)binding.Values["mode"]);
        Assert.Equal(3, (int?)binding.Values["count"]);
    }

    [Fact]
    public void Every_bad_param_is_reported_at_once()
    {
        var given = JsonNode.Parse("""{ "dryRun": "yes", "minCost": "abc", "count": 1.5, "mode": "slow", "colour": "red" }""")!.AsObject();

        var binding = RunParams.Bind(Dag, given, Run);

        Assert.False(binding.IsValid);
        Assert.Equal(
            [
                "params.colour: 'colour' is not a parameter of DAG 'carrier-costs' (it takes date, dryRun, minCost, count, region, mode)",
                "params.dryRun: expected a boolean, got \"yes\"",
                "params.minCost: expected a number, got \"abc\"",
                "params.count: expected an integer, got 1.5",
                "params.region: required parameter 'region' (string) is missing",
                "params.mode: \"slow\" is not one of the allowed values: \"fast\", \"full\"",
            ],
            binding.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_misspelt_param_gets_a_suggestion()
    {
        var binding = RunParams.Bind(Dag, new JsonObject { ["region"] = "eu", ["dryrun"] = true }, Run);

        Assert.StartsWith("'dryrun' is not a parameter of DAG 'carrier-costs'; did you mean 'dryRun'?", Assert.Single(binding.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_not_a_value_of_any_type()
    {
        var binding = RunParams.Bind(Dag, new JsonObject { ["region"] = null }, Run);

        Assert.Equal(["params.region: expected a string, got null"], binding.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_default_that_fails_names_the_param_and_the_expression()
    {
        var dag = Dag with
        {
            Params = [new ParamDefinition { Name = "when", Type = ParamType.String, Default = Json("\"${{ formatDate(run.logicalDate, '') }}\"") }],
        };

        var binding = RunParams.Bind(dag, null, Run);

        var error = Assert.Single(binding.Errors);
        Assert.Equal("params.when", error.Path);
        Assert.Contains("formatDate() needs a format", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dag_without_params_rejects_any_param()
    {
        var binding = RunParams.Bind(new DagDefinition { Id = "plain" }, new JsonObject { ["x"] = 1 }, Run);

        Assert.Equal(["params.x: 'x' is not a parameter: DAG 'plain' takes no parameters"], binding.Errors.Select(e => e.ToString()));
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
