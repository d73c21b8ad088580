using System.Collections.Immutable;
using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Alerts;

/// <summary>
/// One destination of an alert. A webhook URL is a credential, so it comes from a host secret
/// (<see cref="Secret"/>, by default the one the <c>notify</c> operator uses for the channel), or
/// is written as <see cref="Url"/>; an email goes to <see cref="To"/>.
/// </summary>
public sealed record AlertTarget(AlertChannel Channel)
{
    /// <summary>The secret holding the webhook URL when neither this nor <see cref="Url"/> is given.</summary>
    public static string DefaultSecret(AlertChannel channel) => channel switch
    {
        AlertChannel.Slack => "SLACK_WEBHOOK_URL",
        AlertChannel.Teams => "TEAMS_WEBHOOK_URL",
        _ => "NOTIFY_WEBHOOK_URL",
    };

    public string? Secret { get; init; }

    public string? Url { get; init; }

    public ImmutableArray<string> To { get; init; } = [];

    public SourceLocation Location { get; init; }

    /// <summary>How records and messages name the target: never the URL itself.</summary>
    public string Describe() => Channel switch
    {
        AlertChannel.Email => $"email to {string.Join(", ", To)}",
        _ when Url is not null && Uri.TryCreate(Url, UriKind.Absolute, out var uri) => $"{ChannelName} {uri.Scheme}://{uri.Authority}/…",
        _ => $"{ChannelName} secrets.{Secret ?? DefaultSecret(Channel)}",
    };

    public string ChannelName => Channel switch
    {
        AlertChannel.Slack => "slack",
        AlertChannel.Teams => "teams",
        AlertChannel.Webhook => "webhook",
        _ => "email",
    };
}
