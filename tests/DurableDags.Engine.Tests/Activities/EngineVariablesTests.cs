using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;
using DurableDags.Engine.Activities;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Tests.Activities;

/// <summary><c>vars.NAME</c> reads <c>DurableDags:Vars</c> as it stands at each evaluation.</summary>
public class EngineVariablesTests
{
    [Fact]
    public void A_variable_reads_its_setting_and_one_set_later_is_seen_by_the_next_evaluation()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DurableDags:Vars:site"] = "berlin",
        }).Build();
        var variables = new EngineVariables(configuration);
        var template = ExpressionTemplate.Parse("${{ vars.demoUrl }}/hooks/${{ vars.site }}");

        configuration["DurableDags:Vars:demoUrl"] = "http://127.0.0.1:5001/demo";

        Assert.Equal("http://127.0.0.1:5001/demo/hooks/berlin", template.Evaluate(variables.AddTo(new ExpressionScope()))?.GetValue<string>());
        Assert.Equal("""{"demoUrl":"http://127.0.0.1:5001/demo","site":"berlin"}""", variables.ToJson().ToJsonString());
    }

    [Fact]
    public void Reading_a_variable_that_is_not_set_fails_naming_the_setting_and_for_the_demo_the_flag()
    {
        var variables = new EngineVariables(new ConfigurationBuilder().Build());

        var missing = Assert.Throws<ExpressionException>(() => ExpressionTemplate.Parse("${{ vars.region }}").Evaluate(variables.AddTo(new ExpressionScope())));
        var demo = Assert.Throws<ExpressionException>(() => ExpressionTemplate.Parse("${{ vars.demoUrl }}").Evaluate(variables.AddTo(new ExpressionScope())));

        Assert.Contains("vars.region is not set: set DurableDags__Vars__region", missing.Message, StringComparison.Ordinal);
        Assert.Contains("dags serve --demo", demo.Message, StringComparison.Ordinal);
        Assert.Equal(new JsonObject().ToJsonString(), new EngineVariables(null).ToJson().ToJsonString());
    }
}
