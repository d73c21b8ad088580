using System.Collections.Concurrent;
using System.Net;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using DurableDags.Core.Testing;

namespace DurableDags.Cli.Testing;

/// <summary>
/// Every HTTP request of a test's operators ends here instead of on a network: it is recorded,
/// then answered by the first canned route that matches it, after the route's delay on the
/// test's clock. A request no route matches fails as a network error would, naming its URL.
/// </summary>
internal sealed class FakeEndpoint(IReadOnlyList<CannedRoute> routes, string runId, VirtualClock clock, ActivityMonitor monitor, string testFile)
    : HttpMessageHandler
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<RecordedRequest> _unmatched = new();
    private readonly int[] _answered = new int[routes.Count];

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> Unmatched => [.. _unmatched];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        CannedReply reply;
        using (monitor.Enter())
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var instance = InstanceOf(request);
            var node = instance is null ? null : DagTestChecks.ParseInstance(instance)?.Id;
            var recorded = new RecordedRequest(node, instance, request.Method.Method, request.RequestUri!.ToString(), body, clock.GetUtcNow());
            _requests.Enqueue(recorded);
            var index = -1;
            for (var i = 0; i < routes.Count && index < 0; i++)
            {
                index = routes[i].Matches(node, recorded.Method, recorded.Url) ? i : -1;
            }

            if (index < 0)
            {
                _unmatched.Enqueue(recorded);
                throw new HttpRequestException($"dags test: no response in {testFile} matches {recorded}; add one under 'responses'");
            }

            reply = routes[index].ReplyTo(Interlocked.Increment(ref _answered[index]) - 1);
        }

        // Outside the monitored scope: a delayed answer waits on the test's clock (the clock counts
        // it as asleep), which moves on only once nothing else is under way; the request's own
        // timeout may fire first.
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, clock, cancellationToken).ConfigureAwait(false);
        }

        return Build(reply, request);
    }

    /// <summary>The node instance from the engine's idempotency key, <c>{runId}/{instance}/{attempt}</c>.</summary>
    private string? InstanceOf(HttpRequestMessage request)
    {
        if (!request.Headers.TryGetValues("Idempotency-Key", out var values) || values.FirstOrDefault() is not { } key
            || !key.StartsWith(runId + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = key[(runId.Length + 1)..];
        var slash = rest.LastIndexOf('/');
        return slash > 0 ? rest[..slash] : null;
    }

    private static HttpResponseMessage Build(CannedReply reply, HttpRequestMessage request)
    {
        var response = new HttpResponseMessage((HttpStatusCode)reply.Status) { RequestMessage = request };
        response.Content = reply.Body switch
        {
            null => new ByteArrayContent([]),
            { ValueKind: JsonValueKind.String } text => new StringContent(text.GetString()!, Encoding.UTF8, MediaTypeNames.Text.Plain),
            { } json => new StringContent(json.GetRawText(), Encoding.UTF8, MediaTypeNames.Application.Json),
        };
        foreach (var (name, value) in reply.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.Remove(name);
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
