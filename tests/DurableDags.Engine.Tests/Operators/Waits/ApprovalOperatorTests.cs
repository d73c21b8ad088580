using System.Text.Json.Nodes;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Waits;
using DurableDags.Engine.Tests.Embedded;
using DurableDags.Engine.Tests.Operators.Testing;

namespace DurableDags.Engine.Tests.Operators.Waits;

public class ApprovalOperatorTests
{
    private const string Approve = """{ "event": "approve", "timeout": "1d", "message": "Deploy model ${{ params.date }}?", "approvers": ["ops@example.com"] }""";

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 31, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_first_step_waits_for_the_event_until_the_timeout()
    {
        var result = await new ApprovalOperator().ExecuteAsync(OperatorTestRequest.For("approval", Approve, time: _time), CancellationToken.None);

        var wait = Assert.IsType<OperatorResult.WaitForEvent>(result);
        Assert.Equal("approve", wait.EventName);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 6, 0, 0, TimeSpan.Zero), wait.Deadline);
        Assert.Equal("Deploy model 2026-01-31?", wait.State!["message"]!.GetValue<string>());
        Assert.Equal("""["ops@example.com"]""", wait.State!["approvers"]!.ToJsonString());
    }

    [Fact]
    public async Task Without_a_timeout_setting_the_node_timeout_is_the_deadline_and_without_either_there_is_none()
    {
        var node = await new ApprovalOperator().ExecuteAsync(
            OperatorTestRequest.For("approval", """{ "event": "go" }""", timeout: TimeSpan.FromHours(2), time: _time), CancellationToken.None);
        var none = await new ApprovalOperator().ExecuteAsync(
            OperatorTestRequest.For("approval", """{ "event": "go" }""", time: _time), CancellationToken.None);

        Assert.Equal(_time.GetUtcNow().AddHours(2), Assert.IsType<OperatorResult.WaitForEvent>(node).Deadline);
        Assert.Null(Assert.IsType<OperatorResult.WaitForEvent>(none).Deadline);
    }

    [Fact]
    public async Task An_event_with_a_payload_approves_with_the_payload_as_output()
    {
        var result = await Resume(payload: JsonNode.Parse("""{ "approved": true, "by": "ops@example.com" }"""));

        Assert.Equal("""{"approved":true,"by":"ops@example.com"}""", Assert.IsType<OperatorResult.Succeeded>(result).Output!.ToJsonString());
    }

    [Fact]
    public async Task An_event_without_a_payload_approves()
    {
        var result = await Resume(payload: null);

        Assert.Null(Assert.IsType<OperatorResult.Succeeded>(result).Output);
    }

    [Fact]
    public async Task A_rejection_fails_without_retry_and_gives_the_reason()
    {
        var result = await Resume(payload: JsonNode.Parse("""{ "approved": false, "reason": "accuracy below 0.9" }"""));

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Equal("rejected by event 'approve': accuracy below 0.9", failed.Error);
    }

    [Fact]
    public async Task A_passed_deadline_fails_without_retry()
    {
        var result = await Resume(payload: null, deadlinePassed: true);

        var failed = Assert.IsType<OperatorResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Equal("no 'approve' event arrived before 2026-02-01T06:00:00.0000000+00:00", failed.Error);
    }

    [Fact]
    public async Task An_event_from_someone_not_an_approver_is_ignored_and_the_node_waits_on_until_the_same_deadline()
    {
        var sent = EventSender.Wrap(JsonNode.Parse("""{ "approved": true }"""), new EventSender("ci", ["ci"], Verified: true));

        var result = await Resume(JsonNode.Parse(sent.GetRawText()));

        var wait = Assert.IsType<OperatorResult.WaitForEvent>(result);
        Assert.Equal("approve", wait.EventName);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 6, 0, 0, TimeSpan.Zero), wait.Deadline);
    }

    [Theory]
    [InlineData("ops", "OPS@example.com", true)] // an Entra principal is matched by any of its names, ignoring case
    [InlineData("local", "local", false)] // nobody's identity is checked on a server without keys
    public async Task An_approver_decides_and_is_recorded_as_decidedBy(string name, string identity, bool verified)
    {
        var sent = EventSender.Wrap(JsonNode.Parse("""{ "approved": true, "decidedBy": "forged" }"""), new EventSender(name, [name, identity], verified));

        var result = await Resume(JsonNode.Parse(sent.GetRawText()));

        Assert.Equal($$"""{"approved":true,"decidedBy":"{{name}}"}""", Assert.IsType<OperatorResult.Succeeded>(result).Output!.ToJsonString());
    }

    /// <summary>Runs the first step, then the second as the orchestrator would once the wait ended.</summary>
    private async Task<OperatorResult> Resume(JsonNode? payload, bool deadlinePassed = false)
    {
        var op = new ApprovalOperator();
        var first = OperatorTestRequest.For("approval", Approve, time: _time);
        var wait = Assert.IsType<OperatorResult.WaitForEvent>(await op.ExecuteAsync(first, CancellationToken.None));
        var second = first with
        {
            State = JsonNode.Parse(wait.State!.ToJsonString()),
            EventPayload = payload,
            EventDeadlinePassed = deadlinePassed,
        };
        return await op.ExecuteAsync(second, CancellationToken.None);
    }
}
