using System.Globalization;
using DurableDags.Engine.Operators;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Tests.Operators.Testing;

namespace DurableDags.Engine.Tests.Operators.Http;

/// <summary>
/// Against a service that closes every connection, no call fails: a request whose connection
/// closed before any response is sent again on a new one. CI makes a few hundred calls; set
/// DURABLEDAGS_HTTP10_CALLS=2000 for the full count of the issue.
/// </summary>
public sealed class Http10ServiceTests : IDisposable
{
    private readonly HttpClient _client = OperatorHttpClient.Create();

    public void Dispose() => _client.Dispose();

    private static int Calls =>
        int.TryParse(Environment.GetEnvironmentVariable("DURABLEDAGS_HTTP10_CALLS"), NumberStyles.None, CultureInfo.InvariantCulture, out var calls) ? calls : 400;

    [Fact]
    public async Task Calls_to_an_http_1_0_service_that_closes_each_connection_never_fail()
    {
        using var server = await Http10Server.StartAsync();
        var op = new HttpOperator(_client);
        var failures = new List<string>();
        var next = 0;

        // Four callers at once, as parallel nodes of a run would call one service.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            int call;
            while ((call = Interlocked.Increment(ref next)) <= Calls)
            {
                var method = call % 2 == 0 ? "GET" : "POST";
                var request = OperatorTestRequest.For("http", $$"""
                    { "method": "{{method}}", "url": "{{server.BaseAddress}}items/{{call}}", "body": {{(method == "POST" ? """{ "n": 1 }""" : "null")}} }
                    """) with { IdempotencyKey = $"run-1/step/{call}" };
                var result = await op.ExecuteAsync(request, CancellationToken.None);
                if (result is not OperatorResult.Succeeded { Output: { } output } || output["body"]!["key"]!.GetValue<string>() != $"run-1/step/{call}")
                {
                    lock (failures)
                    {
                        failures.Add($"call {call}: {result}");
                    }
                }
            }
        })));

        Assert.True(failures.Count == 0, $"{failures.Count} of {Calls} calls failed; the first: {failures.FirstOrDefault()}");
    }
}
