using DurableDags.Api.Security;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Routing;

/// <summary>A request on its way to a handler: its route values are checked and its caller is known.</summary>
public sealed class ApiCall(HttpRequest request, IReadOnlyDictionary<string, string> routeValues, Caller caller)
{
    public HttpRequest Request { get; } = request;

    public Caller Caller { get; } = caller;

    public CancellationToken Cancellation => Request.HttpContext.RequestAborted;

    public string DagId => Value("dagId");

    public string RunId => Value("runId");

    public string NodeId => Value("nodeId");

    public string EventName => Value("name");

    public string BackfillId => Value("backfillId");

    /// <summary>A version number as the route gave it; the handler parses it.</summary>
    public string Version => Value("version");

    public string OtherVersion => Value("otherVersion");

    private string Value(string name) =>
        routeValues.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"The route has no '{name}' value.");
}
