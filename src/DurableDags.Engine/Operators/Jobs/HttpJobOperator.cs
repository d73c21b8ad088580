using System.Text.Json.Nodes;
using DurableDags.Core.Definitions;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Http.Auth;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators.Jobs;

/// <summary>
/// <c>http-job</c>: the first step submits (<c>submit</c>, a request like <c>http</c>'s, POST by
/// default, with the idempotency key), then every step after a durable timer polls (<c>poll</c>,
/// which may read <c>submit</c>) and checks <c>failWhen</c>, then <c>successWhen</c>, with
/// <c>submit</c> and <c>poll</c> (each <c>{ status, headers, body }</c>) in scope. The output is
/// <c>output</c> evaluated with both in scope, else the last poll's body. Both requests expect a 2xx.
/// </summary>
/// <remarks>
/// A job that meets <c>failWhen</c> failed the way a task fails, so the failure is retryable and
/// the node's retries submit it again. A transient poll error (5xx, 408, 429, network, timeout)
/// only costs that poll; <see cref="MaxPollErrors"/> of them in a row fail the attempt. The
/// node's <c>timeout</c> bounds the whole attempt and is enforced by the orchestrator.
/// </remarks>
public sealed class HttpJobOperator(HttpClient client, IAccessTokens? tokens = null) : NodeOperator
{
    public const int MaxPollErrors = 5;

    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMinutes(1);

    private readonly HttpExchange _exchange = new(client, tokens);

    public override string Type => "http-job";

    protected override Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken) =>
        request.State is JsonObject state
            ? PollAsync(request, settings, HttpJobState.From(state), cancellationToken)
            : SubmitAsync(request, settings, cancellationToken);

    private async Task<OperatorResult> SubmitAsync(OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var interval = settings.GetDuration("pollInterval") ?? DefaultPollInterval;
        var spec = HttpRequestReader.Read(settings.Section("submit"), defaultMethod: "POST");
        var response = await _exchange.SendAsync(spec, request.IdempotencyKey, RequestTimeout(request), request.Time, request.Log, cancellationToken)
            .ConfigureAwait(false);
        HttpExchange.EnsureExpected(spec, response);
        request.Log.WriteLine($"job submitted; first poll in {Duration.Format(interval)}");
        return new OperatorResult.Poll(interval, new HttpJobState(response.ToJson(), Polls: 0, PollErrors: 0).ToJson());
    }

    private async Task<OperatorResult> PollAsync(
        OperatorRequest request, OperatorSettings settings, HttpJobState state, CancellationToken cancellationToken)
    {
        var interval = settings.GetDuration("pollInterval") ?? DefaultPollInterval;
        var polls = state.Polls + 1;
        var afterSubmit = settings.WithScope(new PhaseScope(request.Scope, "submit", state.Submit.DeepClone()));
        var spec = HttpRequestReader.Read(afterSubmit.Section("poll"));
        JsonObject poll;
        try
        {
            var response = await _exchange.SendAsync(spec, idempotencyKey: null, RequestTimeout(request), request.Time, request.Log, cancellationToken)
                .ConfigureAwait(false);
            HttpExchange.EnsureExpected(spec, response);
            poll = response.ToJson();
        }
        catch (OperatorFailureException e) when (e.Retryable && state.PollErrors + 1 < MaxPollErrors)
        {
            request.Log.WriteLine($"poll {polls} failed ({e.Message}); polling again in {Duration.Format(interval)}");
            return new OperatorResult.Poll(interval, (state with { Polls = polls, PollErrors = state.PollErrors + 1 }).ToJson());
        }
        catch (OperatorFailureException e) when (e.Retryable)
        {
            throw new OperatorFailureException($"{MaxPollErrors} polls in a row failed; the last: {e.Message}", retryable: true, e);
        }

        var phases = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["submit"] = state.Submit.DeepClone(),
            ["poll"] = poll.DeepClone(),
        };
        var judged = settings.WithScope(new PhaseScope(request.Scope, phases));
        if (judged.GetCondition("failWhen") == true)
        {
            throw new OperatorFailureException(
                $"the job failed: failWhen '{settings.RawText("failWhen")}' held at poll {polls}; poll body: {HttpResponseOutput.Excerpt(poll["body"]?.ToJsonString() ?? "null")}",
                retryable: true);
        }

        if (judged.GetCondition("successWhen") ?? throw settings.Missing("successWhen"))
        {
            request.Log.WriteLine($"the job succeeded at poll {polls}");
            var output = judged.Has("output") ? judged.Evaluate("output") : poll["body"]?.DeepClone();
            return new OperatorResult.Succeeded(output);
        }

        request.Log.WriteLine($"poll {polls}: not done yet; polling again in {Duration.Format(interval)}");
        return new OperatorResult.Poll(interval, new HttpJobState(state.Submit, polls, PollErrors: 0).ToJson());
    }

    private static TimeSpan RequestTimeout(OperatorRequest request) => HttpExchange.RequestTimeout(null, request.Node.Policy);
}
