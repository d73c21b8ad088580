using System.Net;

namespace DurableDags.Engine.Operators.Http;

/// <summary>
/// One request of an exchange: the first, or one a redirect asked for. Redirects are followed as
/// browsers do (fetch): 301 and 302 turn a POST into a GET, 303 turns anything but HEAD into a
/// GET, both without the body; 307 and 308 repeat the method and body. Once a redirect leaves
/// the first URL's origin, no header the request set (the node's headers, the idempotency key, an
/// auth token) is sent again, and a redirect from https to http is refused.
/// </summary>
public sealed record HttpHop(HttpMethod Method, Uri Url, bool SendsBody, bool SendsHeaders)
{
    /// <summary>As browsers and HttpClient's own limit.</summary>
    public const int MaxRedirects = 10;

    public static HttpHop First(HttpRequestSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new HttpHop(spec.Method, spec.Url, SendsBody: true, SendsHeaders: true);
    }

    /// <summary>The hop a redirect response asks for, or null when the response is not one to follow.</summary>
    /// <exception cref="OperatorFailureException">The redirect goes from https to http.</exception>
    public HttpHop? Next(HttpRequestSpec spec, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
        {
            return null;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(Url, location);
        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        if (Url.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp)
        {
            throw OperatorFailureException.Permanent($"{spec}: refused a {status} redirect from https to http ({Origin(target)})");
        }

        var becomesGet = (status is 301 or 302 && Method == HttpMethod.Post)
            || (status == 303 && Method != HttpMethod.Head);
        return new HttpHop(
            becomesGet ? HttpMethod.Get : Method,
            target,
            SendsBody && !becomesGet,
            SendsHeaders && SameOrigin(spec.Url, target));
    }

    /// <summary>Scheme, host and port: all a log may show of a URL that might carry a secret.</summary>
    public static string Origin(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return $"{url.Scheme}://{url.Authority}";
    }

    private static bool SameOrigin(Uri first, Uri second) =>
        first.Scheme == second.Scheme
        && string.Equals(first.IdnHost, second.IdnHost, StringComparison.OrdinalIgnoreCase)
        && first.Port == second.Port;

    public string Describe(HttpStatusCode status) =>
        $"{(int)status} redirect to {Origin(Url)}{(SendsHeaders ? "" : " (another origin: the request's headers are not sent there)")}";
}
