using System.Text.Json.Nodes;
using DurableDags.Core.Alerts;
using DurableDags.Engine.Activities;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Logs;
using DurableDags.Engine.Operators.Notifications;

namespace DurableDags.Engine.Alerts;

/// <summary>
/// Delivers a message to one target: webhooks through the <c>notify</c> operator's
/// <see cref="NotifySender"/> (the same Slack, Teams and webhook bodies), email through SMTP.
/// Retryable failures are tried again, up to <see cref="AlertOptions.MaxTries"/>.
/// </summary>
public sealed class AlertDelivery(NotifySender sender, EngineSecrets secrets, AlertOptions options, TimeProvider time)
{
    /// <summary>How a delivery ended: the tries it took, the receiver's last status, the error if it failed.</summary>
    public sealed record Outcome(bool Sent, int Tries, int? Status, string? Error);

    public async Task<Outcome> DeliverAsync(AlertTarget target, NotifyMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        for (var tryNumber = 1; ; tryNumber++)
        {
            try
            {
                var status = await SendOnceAsync(target, message, idempotencyKey, cancellationToken).ConfigureAwait(false);
                return new Outcome(true, tryNumber, status, null);
            }
            catch (OperatorFailureException e)
            {
                if (!e.Retryable || tryNumber >= options.MaxTries)
                {
                    return new Outcome(false, tryNumber, null, e.Message);
                }

                await Task.Delay(options.RetryDelay * tryNumber, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<int?> SendOnceAsync(AlertTarget target, NotifyMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (target.Channel == AlertChannel.Email)
        {
            var smtp = options.Smtp ?? throw OperatorFailureException.Permanent("email alerts need the host setting DurableDags:Smtp:Host");
            await AlertMail.SendAsync(smtp, target, message, idempotencyKey, options.Timeout, time, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var channel = target.Channel switch
        {
            AlertChannel.Slack => NotifyChannel.Slack,
            AlertChannel.Teams => NotifyChannel.Teams,
            _ => NotifyChannel.Webhook,
        };
        var delivery = new NotifyDelivery(idempotencyKey, options.Timeout, time, new AttemptLogBuffer(secrets.Values));
        return await sender.SendAsync(channel, UrlOf(target), message, delivery, cancellationToken).ConfigureAwait(false);
    }

    private Uri UrlOf(AlertTarget target)
    {
        var secret = target.Secret ?? AlertTarget.DefaultSecret(target.Channel);
        var url = target.Url ?? (secrets.ToJson()[secret] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw OperatorFailureException.Permanent($"the host has no secret {secret} for the {target.ChannelName} target"));
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw OperatorFailureException.Permanent($"the secret {secret} is not an absolute http or https URL");
    }
}
