using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DurableDags.Benchmarks.Throughput;

/// <summary>
/// Counts what goes on the wire, per method and status, below the retry policy: so a call that
/// costs two requests, or a retried one, shows up as such.
/// </summary>
public sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Total => _counts.Values.Sum();

    public void Reset() => _counts.Clear();

    /// <summary>For example <c>PUT 201 ×1000, PUT 412 ×1000</c>.</summary>
    public string Describe() =>
        string.Join(", ", _counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} ×{c.Value}"));

    public override void OnReceivedResponse(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // Expect: 100-continue would cost a round trip per write before the body is sent.
        var expect = message.Request.Headers.Contains("Expect") ? " (Expect)" : "";
        _counts.AddOrUpdate($"{message.Request.Method.Method}{expect} {message.Response.Status}", 1, (_, n) => n + 1);
    }
}
