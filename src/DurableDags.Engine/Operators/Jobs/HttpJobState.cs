using System.Text.Json.Nodes;

namespace DurableDags.Engine.Operators.Jobs;

/// <summary>What an <c>http-job</c> carries from step to step in <see cref="OperatorRequest.State"/>.</summary>
/// <param name="Submit">The submit response, <c>{ status, headers, body }</c>.</param>
/// <param name="Polls">Polls done so far.</param>
/// <param name="PollErrors">Transient poll errors in a row.</param>
internal sealed record HttpJobState(JsonObject Submit, int Polls, int PollErrors)
{
    public static HttpJobState From(JsonObject state) => new(
        state["submit"] as JsonObject ?? throw new OperatorFailureException("the http-job state has no submit response", retryable: true),
        state["pollCount"]?.GetValue<int>() ?? 0,
        state["pollErrors"]?.GetValue<int>() ?? 0);

    public JsonObject ToJson() => new()
    {
        ["submit"] = Submit.DeepClone(),
        ["pollCount"] = Polls,
        ["pollErrors"] = PollErrors,
    };
}
