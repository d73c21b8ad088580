using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using DurableDags.Core.Diagnostics;

namespace DurableDags.Core.Testing;

/// <summary>
/// Which requests a canned response answers (by node, method and URL pattern) and what it
/// answers: <see cref="Failures"/> times <see cref="Failure"/>, then <see cref="Replies"/> in
/// turn, the last one repeating.
/// </summary>
public sealed record CannedRoute
{
    public SourceLocation Location { get; init; }

    /// <summary>Requests sent by this node (any of its map items); null for any node.</summary>
    public string? Node { get; init; }

    /// <summary>Upper-case method; null for any.</summary>
    public string? Method { get; init; }

    /// <summary>The whole URL with its query; <c>*</c> stands for any characters. Null for any URL.</summary>
    public string? Url { get; init; }

    public int Failures { get; init; }

    public CannedReply Failure { get; init; } = new() { Status = 503 };

    public ImmutableArray<CannedReply> Replies { get; init; } = [new CannedReply()];

    /// <summary>What the route says about itself in messages: <c>node 'a' POST https://x/*</c>.</summary>
    public string Describe() => RequestMatch.Describe(Node, Method, Url);

    public bool Matches(string? node, string method, string url) => RequestMatch.Matches(Node, Method, Url, node, method, url);

    /// <summary>The reply to the <paramref name="index"/>-th request (0-based) this route answers.</summary>
    public CannedReply ReplyTo(int index) =>
        index < Failures ? Failure : Replies[Math.Min(index - Failures, Replies.Length - 1)];
}

/// <summary>One canned HTTP response. A string body is sent as text, anything else as JSON.</summary>
public sealed record CannedReply
{
    public int Status { get; init; } = 200;

    public JsonElement? Body { get; init; }

    public ImmutableDictionary<string, string> Headers { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>How long the answer takes, on the test's clock: longer than the request's timeout times it out.</summary>
    public TimeSpan Delay { get; init; }
}

/// <summary>
/// How routes and request expectations pick requests: by node, method and URL pattern, where
/// <c>*</c> in a URL matches any run of characters and everything else itself.
/// </summary>
public static class RequestMatch
{
    public static bool Matches(string? node, string? method, string? urlPattern, string? sentBy, string sentMethod, string sentUrl) =>
        (node is null || string.Equals(node, sentBy, StringComparison.Ordinal))
        && (method is null || string.Equals(method, sentMethod, StringComparison.OrdinalIgnoreCase))
        && (urlPattern is null || Url(urlPattern, sentUrl));

    public static bool Url(string pattern, string url)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(url);
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return string.Equals(pattern, url, StringComparison.Ordinal);
        }

        var regex = "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$";
        return Regex.IsMatch(url, regex, RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }

    /// <summary>How messages name a filter: <c>node 'a' POST https://x/*</c>, or <c>any request</c>.</summary>
    public static string Describe(string? node, string? method, string? urlPattern) =>
        string.Join(' ', new[] { node is null ? null : $"node '{node}'", method, urlPattern }.Where(s => s is not null)) is { Length: > 0 } text
            ? text
            : "any request";
}
