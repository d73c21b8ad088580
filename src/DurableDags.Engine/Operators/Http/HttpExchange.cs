using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableDags.Core.Definitions;
using DurableDags.Engine.Operators.Http.Auth;
using DurableDags.Engine.Operators.Http.Outbound;
using DurableDags.Engine.Operators.Logs;

namespace DurableDags.Engine.Operators.Http;

/// <summary>
/// Sends one request for an operator and reads the whole response, with a timeout taken from the
/// given TimeProvider. Network errors and timeouts become retryable failures; the caller's own
/// cancellation is passed through untouched.
/// </summary>
public sealed class HttpExchange(HttpClient client, IAccessTokens? tokens = null)
{
    /// <summary>Bodies beyond this are refused, so one node cannot exhaust the worker's memory.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>Timeout of a request whose node sets none, as HttpClient's own default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>How often one hop is sent when connections keep closing before any response.</summary>
    public const int MaxUnansweredSends = 3;

    public async Task<HttpResponseOutput> SendAsync(
        HttpRequestSpec spec,
        string? idempotencyKey,
        TimeSpan timeout,
        TimeProvider time,
        IAttemptLog log,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        log.WriteLine($"{spec} ({DescribeBody(spec.Body)})");
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var started = time.GetTimestamp();
        try
        {
            var hop = HttpHop.First(spec);
            for (var redirects = 0; ; redirects++)
            {
                using var response = await SendHopAsync(spec, hop, idempotencyKey, log, linked.Token).ConfigureAwait(false);
                if (hop.Next(spec, response) is { } next)
                {
                    if (redirects == HttpHop.MaxRedirects)
                    {
                        throw OperatorFailureException.Permanent($"{spec}: more than {HttpHop.MaxRedirects} redirects");
                    }

                    log.WriteLine($"{spec}: {next.Describe(response.StatusCode)}");
                    hop = next;
                    continue;
                }

                var output = await ReadAsync(response, spec, log, linked.Token).ConfigureAwait(false);
                log.WriteLine($"{spec} answered {output.Status} in {Duration.Format(time.GetElapsedTime(started))}");
                return output;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our timeout, or the client's own when a host passed one with a shorter Timeout.
            var message = $"{spec} timed out after {Duration.Format(timeout)}";
            log.WriteLine(message);
            throw new OperatorFailureException(message, retryable: true);
        }
        catch (HttpRequestException e) when (OutboundDeniedException.Find(e) is { } denied)
        {
            var message = $"{spec} was not sent: the outbound policy denies {denied.Message}";
            log.WriteLine(message);
            throw OperatorFailureException.Permanent(message);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            var message = $"{spec} failed: {e.Message}";
            log.WriteLine(message);
            throw new OperatorFailureException(message, retryable: true, e);
        }
    }

    /// <summary>
    /// Sends one hop. A pooled connection a server closed (HTTP/1.0 services, which close after
    /// each response; keep-alive timeouts) fails a request before any byte of a response came
    /// back; that request is sent again at once on a new connection, which is safe because
    /// nothing was answered and the idempotency key goes with it.
    /// </summary>
    private async Task<HttpResponseMessage> SendHopAsync(
        HttpRequestSpec spec, HttpHop hop, string? idempotencyKey, IAttemptLog log, CancellationToken cancellationToken)
    {
        // Only where headers go: a token never follows a redirect to another origin.
        var token = spec.Auth is { } auth && hop.SendsHeaders ? await TokenAsync(spec, auth, cancellationToken).ConfigureAwait(false) : null;
        for (var attempt = 1; ; attempt++)
        {
            var request = BuildRequest(spec, hop, idempotencyKey);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            request.Options.Set(OperatorHttpClient.NewConnection, attempt > 1);
            try
            {
                var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                // The response keeps what it needs; the request's content was sent.
                return response;
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ResponseEnded && attempt < MaxUnansweredSends)
            {
                log.WriteLine($"{spec}: the connection closed before any response ({e.Message}); sending again at once on a new connection");
            }
            finally
            {
                request.Dispose();
            }
        }
    }

    private async Task<string> TokenAsync(HttpRequestSpec spec, RequestAuth auth, CancellationToken cancellationToken) =>
        tokens is null
            ? throw OperatorFailureException.Permanent($"{spec}: auth needs a token source, and this host registered none")
            : await tokens.GetAsync(auth.Scope, cancellationToken).ConfigureAwait(false);

    /// <summary>Fails unless the status is expected; 5xx, 408 and 429 may pass on a retry, other codes will not.</summary>
    public static void EnsureExpected(HttpRequestSpec spec, HttpResponseOutput response)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(response);
        if (spec.Expected.Matches(response.Status))
        {
            return;
        }

        var excerpt = response.BodyExcerpt.Length == 0 ? "empty body" : $"body: {response.BodyExcerpt}";
        throw new OperatorFailureException(
            $"{spec} answered {response.Status}, expected {spec.Expected}; {excerpt}",
            IsRetryableStatus(response.Status));
    }

    public static bool IsRetryableStatus(int status) => status is >= 500 or 408 or 429;

    /// <summary>
    /// The limit of one request: the operator's own setting or <see cref="DefaultTimeout"/>, never
    /// beyond the node's timeout, which bounds the whole attempt.
    /// </summary>
    public static TimeSpan RequestTimeout(TimeSpan? setting, NodePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var timeout = setting ?? DefaultTimeout;
        return policy.Timeout is { } node && node < timeout ? node : timeout;
    }

    private static HttpRequestMessage BuildRequest(HttpRequestSpec spec, HttpHop hop, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(hop.Method, hop.Url) { Content = hop.SendsBody ? BuildContent(spec.Body) : null };
        if (!hop.SendsHeaders)
        {
            return request;
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyHeader, idempotencyKey);
        }

        foreach (var (name, value) in spec.Headers)
        {
            if (name.Equals(IdempotencyHeader, StringComparison.OrdinalIgnoreCase))
            {
                // The node's own key wins over the generated one.
                request.Headers.Remove(IdempotencyHeader);
            }

            bool added;
            if (!IsContentHeader(name))
            {
                added = request.Headers.TryAddWithoutValidation(name, value);
            }
            else if (request.Content is null)
            {
                // A content header without a body describes nothing.
                added = true;
            }
            else
            {
                request.Content.Headers.Remove(name);
                added = request.Content.Headers.TryAddWithoutValidation(name, value);
            }

            if (!added)
            {
                request.Dispose();
                throw OperatorFailureException.Permanent($"{spec}: '{name}' is not a valid header name");
            }
        }

        return request;
    }

    private static bool IsContentHeader(string name) =>
        name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Expires", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Last-Modified", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Allow", StringComparison.OrdinalIgnoreCase);

    private static HttpContent? BuildContent(JsonNode? body) => body switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => new StringContent(text, Encoding.UTF8, MediaTypeNames.Text.Plain),
        _ => new StringContent(body.ToJsonString(), Encoding.UTF8, MediaTypeNames.Application.Json),
    };

    private static string DescribeBody(JsonNode? body) => body switch
    {
        null => "no body",
        JsonValue v when v.TryGetValue<string>(out var text) => $"text body, {Encoding.UTF8.GetByteCount(text)} bytes",
        _ => $"JSON body, {Encoding.UTF8.GetByteCount(body.ToJsonString())} bytes",
    };

    private static async Task<HttpResponseOutput> ReadAsync(
        HttpResponseMessage response, HttpRequestSpec spec, IAttemptLog log, CancellationToken cancellationToken)
    {
        var bytes = await ReadCappedAsync(response.Content, spec, cancellationToken).ConfigureAwait(false);
        var text = DecodeText(bytes, response.Content.Headers.ContentType);
        JsonNode? body = text.Length == 0 ? null : text;
        if (text.Length > 0 && IsJson(response.Content.Headers.ContentType) && !TryParseJson(text, out body))
        {
            log.WriteLine($"{spec}: the response says JSON but does not parse; its body is kept as text");
            body = text;
        }

        return new HttpResponseOutput((int)response.StatusCode, SelectHeaders(response), body, text);
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, HttpRequestSpec spec, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBodyBytes)
        {
            throw OperatorFailureException.Permanent($"{spec}: the response body of {content.Headers.ContentLength} bytes is over the {MaxBodyBytes} byte limit");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            // Pooled: a fresh 80 KB array per call was most of what a node step allocated.
            var chunk = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > MaxBodyBytes)
                    {
                        throw OperatorFailureException.Permanent($"{spec}: the response body is over the {MaxBodyBytes} byte limit");
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return buffer.ToArray();
        }
    }

    private static string DecodeText(byte[] bytes, MediaTypeHeaderValue? contentType)
    {
        var encoding = Encoding.UTF8;
        if (contentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset is read as UTF-8, as browsers do.
            }
        }

        return encoding.GetString(bytes);
    }

    private static bool IsJson(MediaTypeHeaderValue? contentType) =>
        contentType?.MediaType is { } media
        && (media.Equals(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static bool TryParseJson(string text, [NotNullWhen(true)] out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(text);
            return node is not null;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }

    private static JsonObject SelectHeaders(HttpResponseMessage response)
    {
        var headers = new JsonObject();
        foreach (var name in HttpResponseOutput.SelectedHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
            {
                headers[name] = string.Join(", ", values);
            }
        }

        return headers;
    }
}
