using DurableDags.Core.Alerts;

namespace DurableDags.Core.Tests.Loading;

public class DeadlineReaderTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 6, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Logical = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_deadline_counts_from_the_start_or_the_logical_date()
    {
        var dag = Load.Valid("""
            id: x
            deadline: { after: logicalDate, within: 8h }
            nodes:
              a: { type: noop, deadline: 2h }
              b: { type: noop, deadline: { within: 30m } }
            """);

        Assert.Equal(Logical.AddHours(8), dag.Deadline!.DueAt(Start, Logical));
        Assert.Equal(Start.AddHours(8), dag.Deadline.DueAt(Start, logicalDate: null));
        Assert.Equal(Start.AddHours(2), dag.FindNode("a")!.Deadline!.DueAt(Start, Logical));
        Assert.Equal((DeadlineAnchor.Start, TimeSpan.FromMinutes(30)), (dag.FindNode("b")!.Deadline!.After, dag.FindNode("b")!.Deadline!.Within));
        Assert.Equal("8h after logicalDate", dag.Deadline.Describe());
    }

    [Theory]
    [InlineData("deadline: 2", "test.yaml:2:11: 'deadline' must be a duration such as 500ms, 30s, 10m, 2h, 1d or 1h30m, got the number 2; add a unit, e.g. 30s")]
    [InlineData("deadline: { after: end, within: 1h }", "test.yaml:2:20: 'after' of 'deadline' cannot be 'end'; use one of: start, logicalDate")]
    [InlineData("deadline: { after: start }", "test.yaml:2:11: 'deadline' needs 'within', a duration such as 2h")]
    [InlineData("deadline: { within: 0s }", "test.yaml:2:21: 'within' of 'deadline' must be longer than 0s")]
    [InlineData("deadline: { within: 1h, at: 2h }", "test.yaml:2:25: unknown key 'at' in 'deadline'; expected one of: after, within")]
    public void Bad_deadlines_are_reported_at_their_place(string deadline, string error)
    {
        Assert.Equal([error], Load.Errors($"id: x\n{deadline}\nnodes: {{ a: {{ type: noop }} }}\n"));
    }
}
