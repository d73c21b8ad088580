using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Alerts;

/// <summary>
/// The host's alert settings: <c>DurableDags:PublicUrl</c> (the web UI's address, for the link to
/// the run), <c>DurableDags:Alerts:MaxTries</c> and <c>RetryDelay</c> (tries per target), and
/// <c>DurableDags:Smtp:*</c> for email targets. See docs/alerts.md.
/// </summary>
public sealed record AlertOptions
{
    public const string PublicUrlKey = "DurableDags:PublicUrl";

    public Uri? PublicUrl { get; init; }

    /// <summary>Tries per target in one call of the alert activity, a retryable failure apart.</summary>
    public int MaxTries { get; init; } = 3;

    /// <summary>The wait before the second try; it grows by this much with each try.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Each webhook post, and each email handed to the SMTP server, gives up after this long.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Null when the host has no <c>DurableDags:Smtp:Host</c>: email targets then fail, and say why.</summary>
    public SmtpSettings? Smtp { get; init; }

    public static AlertOptions From(IConfiguration? configuration)
    {
        if (configuration is null)
        {
            return new AlertOptions();
        }

        var alerts = configuration.GetSection("DurableDags:Alerts");
        var smtp = configuration.GetSection("DurableDags:Smtp");
        return new AlertOptions
        {
            PublicUrl = Uri.TryCreate(configuration[PublicUrlKey], UriKind.Absolute, out var url) ? url : null,
            MaxTries = int.TryParse(alerts["MaxTries"], CultureInfo.InvariantCulture, out var tries) && tries > 0 ? tries : 3,
            RetryDelay = TimeSpan.TryParse(alerts["RetryDelay"], CultureInfo.InvariantCulture, out var delay) ? delay : TimeSpan.FromSeconds(2),
            Smtp = smtp["Host"] is { Length: > 0 } host
                ? new SmtpSettings(host, int.TryParse(smtp["Port"], CultureInfo.InvariantCulture, out var port) ? port : 587, smtp["From"] ?? $"durabledags@{host}")
                {
                    UserName = smtp["UserName"],
                    Password = smtp["Password"],
                    EnableSsl = !bool.TryParse(smtp["EnableSsl"], out var ssl) || ssl,
                }
                : null,
        };
    }
}

/// <summary>The SMTP server email alerts are sent through.</summary>
public sealed record SmtpSettings(string Host, int Port, string From)
{
    public string? UserName { get; init; }

    public string? Password { get; init; }

    public bool EnableSsl { get; init; } = true;
}
