using DurableDags.Engine.Operators;
using DurableDags.Engine.Tests.Operators.Testing;

namespace DurableDags.Engine.Tests.Operators;

public class NoopOperatorTests
{
    [Fact]
    public async Task It_succeeds_at_once_with_no_output()
    {
        var result = await new NoopOperator().ExecuteAsync(OperatorTestRequest.For("noop", "{}"), CancellationToken.None);

        Assert.Null(Assert.IsType<OperatorResult.Succeeded>(result).Output);
    }
}
