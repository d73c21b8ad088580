namespace DurableDags.Core.Alerts;

/// <summary>Where an alert goes, which decides the shape of its message.</summary>
public enum AlertChannel
{
    Slack,
    Teams,
    Webhook,

    /// <summary>Needs the host's SMTP setting (<c>DurableDags:Smtp</c>).</summary>
    Email,
}
