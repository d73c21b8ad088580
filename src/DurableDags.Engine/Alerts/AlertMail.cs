using System.Globalization;
using System.Net.Mail;
using DurableDags.Core.Alerts;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Notifications;

namespace DurableDags.Engine.Alerts;

/// <summary>
/// Sends an alert as a plain-text email through the host's SMTP server (System.Net.Mail), and
/// says whether a failure may pass: a 4xx reply or a lost connection is tried again, a 5xx reply
/// (a refused recipient, say) is not, since the same message would be refused the same way.
/// </summary>
public static class AlertMail
{
    /// <summary>The header that carries the event's idempotency key, as webhooks get <c>Idempotency-Key</c>.</summary>
    public const string KeyHeader = "X-DurableDags-Alert-Key";

    public static async Task SendAsync(
        SmtpSettings smtp, AlertTarget target, NotifyMessage message, string idempotencyKey, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        using var mail = new MailMessage { From = new MailAddress(smtp.From), Subject = SubjectOf(message), Body = message.ToPlainText() };
        mail.Headers.Add(KeyHeader, idempotencyKey);
        foreach (var to in target.To)
        {
            mail.To.Add(to);
        }

        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (smtp.UserName is not null)
        {
            client.Credentials = new System.Net.NetworkCredential(smtp.UserName, smtp.Password);
        }

        // SmtpClient.Timeout bounds only the synchronous Send; the async send is bounded by its token.
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await client.SendMailAsync(mail, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OperatorFailureException(
                string.Create(CultureInfo.InvariantCulture, $"the SMTP server {smtp.Host}:{smtp.Port} did not take the message within {timeout.TotalSeconds:0} s"), retryable: true);
        }
        catch (SmtpException e)
        {
            throw new OperatorFailureException(
                string.Create(CultureInfo.InvariantCulture, $"the SMTP server {smtp.Host}:{smtp.Port} answered {CodeOf(e)}: {e.Message}"), MayPass(e), e);
        }
    }

    /// <summary>The DAG, node and run: one run's alerts must not thread with another's in a mail client.</summary>
    public static string SubjectOf(NotifyMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var title = message.Title ?? message.Text;
        return message.Details?["runId"]?.GetValue<string>() is { } runId ? $"{title} (run {runId})" : title;
    }

    private static bool MayPass(SmtpException e) =>
        e.StatusCode == SmtpStatusCode.GeneralFailure || (int)e.StatusCode is >= 400 and < 500;

    private static string CodeOf(SmtpException e) =>
        e.StatusCode == SmtpStatusCode.GeneralFailure ? "nothing (no connection)" : ((int)e.StatusCode).ToString(CultureInfo.InvariantCulture);
}
