using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Operators;
using DurableDags.Engine.Operators.Http.Auth;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators.Http;

/// <summary>
/// Reads a request from settings (<c>method</c>, <c>url</c>, <c>query</c>, <c>headers</c>,
/// <c>body</c>, and <c>expectStatus</c> where the operator has it): the <c>http</c> node's
/// <c>with</c>, <c>http-job</c>'s <c>submit</c> and <c>poll</c>, a sensor's <c>http</c>.
/// </summary>
public static class HttpRequestReader
{
    public static HttpRequestSpec Read(OperatorSettings settings, string defaultMethod = "GET")
    {
        ArgumentNullException.ThrowIfNull(settings);
        var urlText = settings.RequireString("url");
        var urlForLog = settings.ReadsSecrets("url") || settings.ReadsSecrets("query")
            ? settings.RawText("url")
            : urlText;
        var url = WithQuery(urlText, ReadQuery(settings));
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw OperatorFailureException.Permanent($"{settings.PathOf("url")}: '{urlForLog}' is not an absolute http or https URL");
        }

        if (!ExpectedStatus.TryParse(settings.Evaluate("expectStatus"), out var expected, out var statusError))
        {
            throw OperatorFailureException.Permanent($"{settings.PathOf("expectStatus")}: {statusError}");
        }

        return new HttpRequestSpec
        {
            Method = ReadMethod(settings, defaultMethod),
            Url = uri,
            UrlForLog = urlForLog,
            Headers = ReadHeaders(settings),
            Body = settings.Evaluate("body"),
            Expected = expected,
            Auth = ReadAuth(settings),
        };
    }

    private static RequestAuth? ReadAuth(OperatorSettings settings)
    {
        if (!settings.Has("auth"))
        {
            return null;
        }

        var auth = settings.Section("auth");
        if (auth.RequireString("type") is not "entra" and var type)
        {
            throw OperatorFailureException.Permanent($"{auth.PathOf("type")}: '{type}' is not an auth type; use entra");
        }

        var scope = auth.RequireString("scope");
        return EntraScope.IsValid(scope) && !scope.Contains("${{", StringComparison.Ordinal)
            ? new RequestAuth(scope)
            : throw OperatorFailureException.Permanent(
                $"{auth.PathOf("scope")}: '{scope}' is not an Entra ID scope; write the resource followed by /.default, such as https://management.azure.com/.default");
    }

    private static HttpMethod ReadMethod(OperatorSettings settings, string defaultMethod)
    {
        var method = (settings.GetString("method") ?? defaultMethod).ToUpperInvariant();
        return method.Length > 0 && method.All(char.IsAsciiLetterUpper)
            ? new HttpMethod(method)
            : throw OperatorFailureException.Permanent($"{settings.PathOf("method")}: '{method}' is not an HTTP method");
    }

    /// <summary>The <c>headers</c> setting: an object of names and scalar values.</summary>
    public static ImmutableArray<KeyValuePair<string, string>> ReadHeaders(OperatorSettings settings)
    {
        var value = settings.Evaluate("headers");
        if (value is null)
        {
            return [];
        }

        if (value is not JsonObject headers)
        {
            throw settings.WrongType("headers", "an object of header names and values", value);
        }

        var result = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>(headers.Count);
        foreach (var (name, headerValue) in headers)
        {
            if (headerValue is not null)
            {
                // Header values are never echoed: they are where tokens live.
                result.Add(new(name, Scalar(settings, $"headers.{name}", headerValue)));
            }
        }

        return result.ToImmutable();
    }

    private static List<KeyValuePair<string, string>> ReadQuery(OperatorSettings settings)
    {
        var value = settings.Evaluate("query");
        var pairs = new List<KeyValuePair<string, string>>();
        if (value is null)
        {
            return pairs;
        }

        if (value is not JsonObject query)
        {
            throw settings.WrongType("query", "an object of parameter names and values", value);
        }

        foreach (var (name, item) in query)
        {
            var values = item is JsonArray list ? [.. list] : new[] { item };
            pairs.AddRange(values.Where(v => v is not null).Select(v => new KeyValuePair<string, string>(name, Scalar(settings, $"query.{name}", v!))));
        }

        return pairs;
    }

    private static string WithQuery(string url, List<KeyValuePair<string, string>> pairs)
    {
        if (pairs.Count == 0)
        {
            return url;
        }

        var fragment = url.IndexOf('#', StringComparison.Ordinal);
        var (head, tail) = fragment < 0 ? (url, "") : (url[..fragment], url[fragment..]);
        var text = new StringBuilder(head);
        var separator = head.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in pairs)
        {
            text.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return text.Append(tail).ToString();
    }


    private static string Scalar(OperatorSettings settings, string name, JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw settings.WrongType(name, "a string, number or boolean", value),
    };
}
