namespace DurableDags.Engine.Operators.Notifications;

/// <summary>Where a <c>notify</c> node posts, which decides the shape of the body.</summary>
public enum NotifyChannel
{
    /// <summary>A Slack incoming webhook: <c>{ text, blocks }</c>.</summary>
    Slack,

    /// <summary>A Teams workflow webhook: a message with one Adaptive Card.</summary>
    Teams,

    /// <summary>Any webhook: the <c>body</c> setting as given, else <c>{ text }</c>.</summary>
    Webhook,
}
