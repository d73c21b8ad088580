using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Definitions;
using DurableDags.Core.Expressions;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Logs;
using DurableDags.Engine.Tests.Embedded;

namespace DurableDags.Engine.Tests.Operators.Testing;

/// <summary>Builds the request an orchestrator would send for a node's first step.</summary>
public static class OperatorTestRequest
{
    public const string SecretToken = "tok-9f8e7d6c5b4a";

    public const string SecretWebhook = "hooks-T000-B000-XXXXsecretXXXX";

    /// <param name="with">The node's <c>with</c> settings as JSON; <c>$BASE</c> stands for the server's address.</param>
    /// <param name="server">The server <c>$BASE</c>, <c>secrets.WEBHOOK_URL</c> and <c>secrets.SLACK_WEBHOOK_URL</c> point to.</param>
    public static OperatorRequest For(
        string type,
        string with,
        TimeSpan? timeout = null,
        TimeProvider? time = null,
        IAttemptLog? log = null,
        LoopbackServer? server = null)
    {
        var node = new NodeDefinition
        {
            Id = "step",
            Type = type,
            With = JsonDocument.Parse(server is null ? with : with.Replace("$BASE", server.Url("/").TrimEnd('/'), StringComparison.Ordinal)).RootElement.Clone(),
            Policy = NodePolicy.Default with { Timeout = timeout },
        };
        var secrets = new JsonObject
        {
            ["TOKEN"] = SecretToken,
            ["WEBHOOK_URL"] = server is null ? null : server.Url($"/services/{SecretWebhook}"),
            ["SLACK_WEBHOOK_URL"] = server is null ? null : server.Url($"/slack/{SecretWebhook}"),
        };
        var scope = new ExpressionScope()
            .Set("params", new JsonObject { ["date"] = "2026-01-31", ["limit"] = 3 })
            .Set("run", new JsonObject { ["id"] = "run-1", ["dagId"] = "costs", ["attempt"] = 1 })
            .Set("secrets", secrets);
        return new OperatorRequest
        {
            DagId = "costs",
            RunId = "run-1",
            Node = node,
            Attempt = 1,
            IdempotencyKey = "run-1/step/1",
            Scope = scope,
            Log = log ?? new RecordingAttemptLog(),
            Time = time ?? TimeProvider.System,
        };
    }

    /// <summary>
    /// Runs steps as the orchestrator does: after each <see cref="OperatorResult.Poll"/> the state
    /// goes through JSON (as it would through durable history), the clock moves by the poll's
    /// delay, and the operator runs again; stops at the first other result.
    /// </summary>
    public static async Task<(OperatorResult Result, int Steps, List<OperatorResult.Poll> Polls)> DriveAsync(
        INodeOperator op, OperatorRequest first, ManualTimeProvider? time = null, int maxSteps = 50)
    {
        ArgumentNullException.ThrowIfNull(op);
        var request = first;
        var polls = new List<OperatorResult.Poll>();
        for (var step = 1; step <= maxSteps; step++)
        {
            var result = await op.ExecuteAsync(request, CancellationToken.None);
            if (result is not OperatorResult.Poll poll)
            {
                return (result, step, polls);
            }

            polls.Add(poll);
            time?.Advance(poll.After);
            request = request with { State = poll.State is null ? null : JsonNode.Parse(poll.State.ToJsonString()) };
        }

        throw new InvalidOperationException($"the operator still polled after {maxSteps} steps");
    }
}
