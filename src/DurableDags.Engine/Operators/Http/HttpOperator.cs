using DurableDags.Engine.Operators.Http.Auth;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators.Http;

/// <summary>
/// <c>http</c>: one request, with the node's idempotency key in the <c>Idempotency-Key</c> header,
/// limited by <c>timeout</c> (default 100s) and the node's timeout. Output <c>{ status, headers, body }</c>.
/// An unexpected status fails the node, retryable for 5xx, 408 and 429 only; network errors and
/// timeouts are retryable.
/// </summary>
public sealed class HttpOperator(HttpClient client, IAccessTokens? tokens = null) : NodeOperator
{
    private readonly HttpExchange _exchange = new(client, tokens);

    public override string Type => "http";

    protected override async Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var spec = HttpRequestReader.Read(settings);
        var timeout = HttpExchange.RequestTimeout(settings.GetDuration("timeout"), request.Node.Policy);
        var response = await _exchange.SendAsync(spec, request.IdempotencyKey, timeout, request.Time, request.Log, cancellationToken)
            .ConfigureAwait(false);
        HttpExchange.EnsureExpected(spec, response);
        return new OperatorResult.Succeeded(response.ToJson());
    }
}
