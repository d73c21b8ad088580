using System.Collections.Frozen;
using System.Text.Json.Nodes;
using DurableDags.Core.Expressions;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators.Notifications;

/// <summary>
/// <c>notify</c>: posts <c>text</c> (and <c>title</c>) to a Slack incoming webhook, a Teams
/// workflow webhook or any webhook (<c>channel</c>), with the node's idempotency key. The URL is
/// <c>url</c>, else the host's for the channel: the secret named in <see cref="DefaultUrlSecrets"/>.
/// Output <c>{ status }</c>. Logs and errors show only the URL's scheme and host. Failures are
/// classified as for <c>http</c>.
/// </summary>
public sealed class NotifyOperator(HttpClient client) : NodeOperator
{
    /// <summary>The secret holding each channel's URL when a node gives none.</summary>
    public static readonly FrozenDictionary<NotifyChannel, string> DefaultUrlSecrets = new Dictionary<NotifyChannel, string>
    {
        [NotifyChannel.Slack] = "SLACK_WEBHOOK_URL",
        [NotifyChannel.Teams] = "TEAMS_WEBHOOK_URL",
        [NotifyChannel.Webhook] = "NOTIFY_WEBHOOK_URL",
    }.ToFrozenDictionary();

    private readonly NotifySender _sender = new(client);

    public override string Type => "notify";

    protected override async Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var channel = ReadChannel(settings);
        var message = new NotifyMessage(settings.RequireString("text")) { Title = settings.GetString("title") };
        var url = ReadUrl(request, settings, channel);
        var delivery = new NotifyDelivery(
            request.IdempotencyKey, HttpExchange.RequestTimeout(null, request.Node.Policy), request.Time, request.Log);
        var status = await _sender.SendAsync(channel, url, message, delivery, cancellationToken).ConfigureAwait(false);
        return new OperatorResult.Succeeded(new JsonObject { ["status"] = status });
    }

    private static NotifyChannel ReadChannel(OperatorSettings settings) => settings.RequireString("channel") switch
    {
        "slack" => NotifyChannel.Slack,
        "teams" => NotifyChannel.Teams,
        "webhook" => NotifyChannel.Webhook,
        var other => throw OperatorFailureException.Permanent($"{settings.PathOf("channel")}: '{other}' is not a channel; use slack, teams or webhook"),
    };

    private static Uri ReadUrl(OperatorRequest request, OperatorSettings settings, NotifyChannel channel)
    {
        string url;
        string shown;
        if (settings.Has("url"))
        {
            url = settings.RequireString("url");
            shown = settings.ReadsSecrets("url") ? settings.RawText("url") : url;
        }
        else
        {
            var secret = DefaultUrlSecrets[channel];
            url = DefaultUrl(request, secret)
                ?? throw OperatorFailureException.Permanent(
                    $"{settings.PathOf("url")} is not set and the host has no secret {secret} for the {settings.RawText("channel")} channel: set DurableDags__Secrets__{secret}");
            shown = $"secrets.{secret}";
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw OperatorFailureException.Permanent($"{settings.PathOf("url")}: '{shown}' is not an absolute http or https URL");
    }

    private static string? DefaultUrl(OperatorRequest request, string secret)
    {
        try
        {
            return request.Scope.TryGetMember("secrets", secret, out var value) && value is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        }
        catch (ExpressionException)
        {
            // The host's scope refuses to read a secret that is not set; here that means "no default URL".
            return null;
        }
    }
}
