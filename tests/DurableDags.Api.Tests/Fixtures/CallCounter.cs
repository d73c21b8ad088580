using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Tests.Fixtures;

/// <summary>
/// A Kestrel endpoint that DAG nodes call: <c>/calls/{name}</c> counts each call and answers
/// <c>{ "name", "call" }</c> after <see cref="Delay"/>, or 500 while <see cref="Failing"/> holds the name.
/// </summary>
public sealed class CallCounter : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    private CallCounter(KestrelHost host) => Host = host;

    public KestrelHost Host { get; }

    public ConcurrentDictionary<string, bool> Failing { get; } = new(StringComparer.Ordinal);

    /// <summary>How long each call takes to answer, so calls can be in flight when something else happens.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Calls made so far, to every name.</summary>
    public int TotalCalls => _calls.Values.Sum();

    public static async Task<CallCounter> StartAsync()
    {
        CallCounter? counter = null;
        var host = await KestrelHost.StartAsync((_, _) => { }, app => app.Map("/calls/{name}", async (string name) =>
        {
            var call = counter!._calls.AddOrUpdate(name, 1, (_, n) => n + 1);
            if (counter.Delay > TimeSpan.Zero)
            {
                await Task.Delay(counter.Delay);
            }

            return counter.Failing.ContainsKey(name) ? Results.StatusCode(500) : Results.Json(new { name, call });
        }));
        counter = new CallCounter(host);
        return counter;
    }

    public string Url(string name) => new Uri(Host.Client.BaseAddress!, $"/calls/{name}").ToString();

    public int Calls(string name) => _calls.GetValueOrDefault(name);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
