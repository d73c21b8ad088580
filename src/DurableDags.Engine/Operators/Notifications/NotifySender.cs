using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Logs;

namespace DurableDags.Engine.Operators.Notifications;

/// <summary>
/// Posts a <see cref="NotifyMessage"/> in the shape its channel expects. The <c>notify</c>
/// operator uses it, and so can a host that alerts on failed runs (with the failure's reason, log
/// excerpt and attempt count in the message).
/// </summary>
public sealed class NotifySender(HttpClient client)
{
    private readonly HttpExchange _exchange = new(client);

    /// <returns>The response status, a 2xx.</returns>
    /// <exception cref="OperatorFailureException">The post failed; retryable as for <c>http</c>.</exception>
    public async Task<int> SendAsync(
        NotifyChannel channel,
        Uri url,
        NotifyMessage message,
        NotifyDelivery delivery,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(delivery);
        var spec = new HttpRequestSpec
        {
            Method = HttpMethod.Post,
            Url = url,
            // A webhook URL is a credential whether or not it came from secrets.
            UrlForLog = $"{url.Scheme}://{url.Authority}/…",
            Body = channel switch
            {
                NotifyChannel.Slack => message.ToSlack(),
                NotifyChannel.Teams => message.ToTeams(),
                _ => message.ToWebhook(),
            },
        };
        var response = await _exchange.SendAsync(spec, delivery.IdempotencyKey, delivery.Timeout, delivery.Time, delivery.Log, cancellationToken)
            .ConfigureAwait(false);
        HttpExchange.EnsureExpected(spec, response);
        return response.Status;
    }
}

/// <summary>How one notification is posted: its key against duplicates, its limit, where it logs.</summary>
public sealed record NotifyDelivery(string? IdempotencyKey, TimeSpan Timeout, TimeProvider Time, IAttemptLog Log);
