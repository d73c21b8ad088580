using DurableDags.Api.Ids;

namespace DurableDags.Api.Tests.Ids;

public class IdRulesTests
{
    [Theory]
    [InlineData(IdKind.Dag, "carrier-costs")]
    [InlineData(IdKind.Dag, "0daily_report")]
    [InlineData(IdKind.Run, "scheduled__20261122T060000Z")]
    [InlineData(IdKind.Run, "manual__20261122T101500.123Z_k3f9")]
    [InlineData(IdKind.Run, "nightly.1")]
    [InlineData(IdKind.Node, "_cost-per_Carrier")]
    [InlineData(IdKind.Event, "approve.step-1")]
    [InlineData(IdKind.IdempotencyKey, "3b0c0e1a-!~")]
    public void Allowed_ids_pass(IdKind kind, string id) => Assert.Null(IdRules.Problem(kind, id));

    [Theory]
    [InlineData(IdKind.Dag, "Carrier")]
    [InlineData(IdKind.Dag, "-x")]
    [InlineData(IdKind.Dag, "a/b")]
    [InlineData(IdKind.Dag, "a.b")]
    [InlineData(IdKind.Run, "..")]
    [InlineData(IdKind.Run, "../etc")]
    [InlineData(IdKind.Run, "a\\b")]
    [InlineData(IdKind.Run, "a%2Fb")]
    [InlineData(IdKind.Run, "a:b")]
    [InlineData(IdKind.Node, "1st")]
    [InlineData(IdKind.Event, "approve now")]
    [InlineData(IdKind.IdempotencyKey, "has space")]
    [InlineData(IdKind.IdempotencyKey, "ünïcode")]
    public void Malformed_ids_are_refused_with_the_allowed_form(IdKind kind, string id) =>
        Assert.StartsWith("it must be", IdRules.Problem(kind, id), StringComparison.Ordinal);

    [Theory]
    [InlineData("dd.cancel")]
    [InlineData("DD.Cancel")]
    [InlineData("dd.other")]
    public void Event_names_of_the_engine_are_refused_as_reserved(string name) =>
        Assert.Equal("names starting with 'dd.' are reserved for the engine", IdRules.Problem(IdKind.Event, name));

    [Fact]
    public void Overlong_ids_are_refused_with_their_length()
    {
        Assert.Equal("it is 64 characters long, over the limit of 63", IdRules.Problem(IdKind.Dag, new string('a', 64)));
        Assert.Equal("it is 64 characters long, over the limit of 63", IdRules.Problem(IdKind.Node, new string('a', 64)));
        Assert.Equal("it is 129 characters long, over the limit of 128", IdRules.Problem(IdKind.Run, new string('a', 129)));
        Assert.Equal("it is empty", IdRules.Problem(IdKind.Node, ""));
    }

    [Fact]
    public void Scheduled_run_ids_are_the_logical_date_in_utc()
    {
        var id = RunIds.Scheduled(new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.FromHours(-5)));

        Assert.Equal("scheduled__20261122T060000Z", id);
        Assert.True(IdRules.IsValid(IdKind.Run, id));
        Assert.True(IdRules.IsValid(IdKind.Run, RunIds.Manual(DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public void Run_ids_made_in_the_same_millisecond_do_not_collide()
    {
        // A collision would silently merge two triggers into one run.
        var ids = Enumerable.Range(0, 10_000).Select(_ => RunIds.Manual(DateTimeOffset.UnixEpoch)).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(10_000, ids.Count);
    }
}
