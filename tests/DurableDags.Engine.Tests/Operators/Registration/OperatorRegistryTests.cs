using DurableDags.Core.Operators;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Registration;

namespace DurableDags.Engine.Tests.Operators.Registration;

public class OperatorRegistryTests
{
    [Fact]
    public void An_operator_is_found_by_its_type_and_an_unknown_type_names_the_known_ones()
    {
        var registry = new OperatorRegistry([new NoopOperator(), new GreetOperator()]);

        Assert.IsType<GreetOperator>(registry.Get("greet"));
        Assert.False(registry.TryGet("nope", out _));
        var error = Assert.Throws<KeyNotFoundException>(() => registry.Get("nope"));
        Assert.Equal("no operator has type 'nope'; registered: greet, noop", error.Message);
    }

    [Fact]
    public void Two_operators_claiming_one_type_are_a_startup_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new OperatorRegistry([new NoopOperator(), new FakeNoop()]));

        Assert.Contains("operator type 'noop' is registered twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_adds_custom_specs_and_lets_an_operator_without_one_check_its_own_settings()
    {
        var spec = new OperatorSpec("greet") { Settings = [new SettingSpec("name", SettingType.String) { Required = true }] };

        var withSpec = new OperatorRegistry([new NoopOperator(), new GreetOperator()], [spec]);
        var withoutSpec = new OperatorRegistry([new NoopOperator(), new GreetOperator()]);

        Assert.Same(spec, withSpec.Catalog.Find("greet"));
        Assert.True(withoutSpec.Catalog.Find("greet")!.AllowsOtherSettings);
        Assert.Same(OperatorCatalog.BuiltIn.Find("http"), withSpec.Catalog.Find("http"));
    }

    [Fact]
    public void A_spec_for_an_operator_that_is_not_registered_is_a_startup_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new OperatorRegistry([new NoopOperator()], [new OperatorSpec("greet")]));

        Assert.Equal("settings specs were registered for operators that are not: greet", error.Message);
    }

    private sealed class FakeNoop : INodeOperator
    {
        public string Type => "noop";

        public Task<OperatorResult> ExecuteAsync(OperatorRequest request, CancellationToken cancellationToken) =>
            Task.FromResult<OperatorResult>(new OperatorResult.Failed("not the real noop"));
    }
}
