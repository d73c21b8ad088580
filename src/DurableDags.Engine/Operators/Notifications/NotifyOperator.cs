using System.Text.Json.Nodes;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators.Notifications;

/// <summary>
/// <c>notify</c>: posts a message to a Slack incoming webhook, a Teams workflow webhook or any
/// webhook, with the node's idempotency key. Output <c>{ status }</c>. The URL is usually a
/// secret, so logs and errors show only its scheme and host. Failures are classified as for
/// <c>http</c>.
/// </summary>
public sealed class NotifyOperator(HttpClient client) : NodeOperator
{
    /// <summary>Slack cuts a section at 3,000 characters; the end of a log says the most.</summary>
    public const int MaxLogExcerpt = 2000;

    private readonly HttpExchange _exchange = new(client);

    public override string Type => "notify";

    protected override async Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var channel = ReadChannel(settings);
        var message = ReadMessage(settings, channel);
        var body = channel switch
        {
            NotifyChannel.Slack => message.ToSlack(),
            NotifyChannel.Teams => message.ToTeams(),
            _ => settings.Evaluate("body") ?? message.ToWebhook(),
        };
        var spec = ReadTarget(settings) with { Body = body };
        var timeout = request.Node.Policy.Timeout ?? HttpExchange.DefaultTimeout;
        var response = await _exchange.SendAsync(spec, request.IdempotencyKey, timeout, request.Time, request.Log, cancellationToken)
            .ConfigureAwait(false);
        HttpExchange.EnsureExpected(spec, response);
        return new OperatorResult.Succeeded(new JsonObject { ["status"] = response.Status });
    }

    private static NotifyChannel ReadChannel(OperatorSettings settings)
    {
        var text = settings.GetString("channel") ?? "webhook";
        return text switch
        {
            "slack" => NotifyChannel.Slack,
            "teams" => NotifyChannel.Teams,
            "webhook" => NotifyChannel.Webhook,
            _ => throw OperatorFailureException.Permanent($"{settings.PathOf("channel")}: '{text}' is not a channel; use slack, teams or webhook"),
        };
    }

    private static NotifyMessage ReadMessage(OperatorSettings settings, NotifyChannel channel)
    {
        var text = channel == NotifyChannel.Webhook && settings.Has("body") ? settings.GetString("text") ?? "" : settings.RequireString("text");
        var log = settings.GetString("log");
        var attempts = settings.Evaluate("attempts") switch
        {
            null => (int?)null,
            JsonValue v when v.TryGetValue<int>(out var n) => n,
            var other => throw settings.WrongType("attempts", "a whole number", other),
        };
        return new NotifyMessage(text)
        {
            Title = settings.GetString("title"),
            Reason = settings.GetString("reason"),
            LogExcerpt = log is { Length: > MaxLogExcerpt } ? string.Concat("…", log.AsSpan(log.Length - MaxLogExcerpt)) : log,
            Attempts = attempts,
        };
    }

    private static HttpRequestSpec ReadTarget(OperatorSettings settings)
    {
        var url = settings.RequireString("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            var shown = settings.ReadsSecrets("url") ? settings.RawText("url") : url;
            throw OperatorFailureException.Permanent($"{settings.PathOf("url")}: '{shown}' is not an absolute http or https URL");
        }

        return new HttpRequestSpec
        {
            Method = HttpMethod.Post,
            Url = uri,
            // A webhook URL is a credential whether or not it came from secrets.
            UrlForLog = $"{uri.Scheme}://{uri.Authority}/…",
            Headers = HttpRequestReader.ReadHeaders(settings),
        };
    }
}
