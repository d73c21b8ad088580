using System.Text.Json.Nodes;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators.Sensors;

/// <summary>
/// <c>sensor</c>: pokes until a condition holds, sleeping on a durable timer between pokes.
/// An HTTP sensor (<c>url</c>) holds when <c>condition</c>, read with <c>response</c> in scope,
/// is true, or without a condition when the status is expected (any 2xx by default). A blob
/// sensor (<c>container</c> with <c>blob</c> or <c>prefix</c>) holds when the blob exists or the
/// prefix has a blob. Transient errors only cost a poke. When the sensor's <c>timeout</c> (else
/// the node's, else 7 days, Airflow's default) passes first, the node fails, not retryable.
/// </summary>
public sealed class SensorOperator(HttpClient client, IBlobProbe? blobs) : NodeOperator
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromDays(7);

    private readonly HttpExchange _exchange = new(client);

    public override string Type => "sensor";

    protected override async Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var interval = settings.GetDuration("pollInterval") ?? DefaultPollInterval;
        var timeout = settings.GetDuration("timeout") ?? request.Node.Policy.Timeout ?? DefaultTimeout;
        var now = request.Time.GetUtcNow();
        var state = SensorState.From(request.State, now);
        var poke = state.Pokes + 1;
        var outcome = settings.Has("url")
            ? await PokeHttpAsync(request, settings, cancellationToken).ConfigureAwait(false)
            : await PokeBlobAsync(settings, cancellationToken).ConfigureAwait(false);
        if (outcome.Output is not null)
        {
            request.Log.WriteLine($"poke {poke}: the condition holds");
            return new OperatorResult.Succeeded(outcome.Output);
        }

        now = request.Time.GetUtcNow();
        var deadline = state.StartedAt + timeout;
        if (now >= deadline)
        {
            throw OperatorFailureException.Permanent(
                $"the sensor timed out after {DurationText.Format(timeout)}: its condition did not hold in {poke} pokes; the last: {outcome.Reason}");
        }

        var wait = deadline - now < interval ? deadline - now : interval;
        request.Log.WriteLine($"poke {poke}: {outcome.Reason}; poking again in {DurationText.Format(wait)}");
        return new OperatorResult.Poll(wait, (state with { Pokes = poke }).ToJson());
    }

    private async Task<Poke> PokeHttpAsync(OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var spec = HttpRequestReader.Read(settings);
        var timeout = request.Node.Policy.Timeout is { } t && t < HttpExchange.DefaultTimeout ? t : HttpExchange.DefaultTimeout;
        HttpResponseOutput response;
        try
        {
            response = await _exchange.SendAsync(spec, idempotencyKey: null, timeout, request.Time, request.Log, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperatorFailureException e) when (e.Retryable)
        {
            return new Poke(null, e.Message);
        }

        var output = response.ToJson();
        var holds = settings.Has("condition")
            ? settings.WithScope(new PhaseScope(request.Scope, "response", output.DeepClone())).GetCondition("condition") == true
            : spec.Expected.Matches(response.Status);
        return holds
            ? new Poke(output, "")
            : new Poke(null, settings.Has("condition") ? $"status {response.Status}, condition false" : $"status {response.Status}, expected {spec.Expected}");
    }

    private async Task<Poke> PokeBlobAsync(OperatorSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.Has("container"))
        {
            throw OperatorFailureException.Permanent($"{settings.Path}: a sensor needs either url (HTTP) or container (blob)");
        }

        var probe = blobs ?? throw OperatorFailureException.Permanent(
            "blob sensors need blob storage, and this host has none configured (register a BlobServiceClient or an IBlobProbe)");
        var container = settings.RequireString("container");
        var name = settings.GetString("blob");
        var prefix = settings.GetString("prefix");
        if ((name is null) == (prefix is null))
        {
            throw OperatorFailureException.Permanent($"{settings.Path}: a blob sensor needs exactly one of blob or prefix");
        }

        try
        {
            var holds = name is not null
                ? await probe.ExistsAsync(container, name, cancellationToken).ConfigureAwait(false)
                : await probe.AnyAsync(container, prefix!, cancellationToken).ConfigureAwait(false);
            var output = name is not null
                ? new JsonObject { ["container"] = container, ["blob"] = name }
                : new JsonObject { ["container"] = container, ["prefix"] = prefix };
            return holds
                ? new Poke(output, "")
                : new Poke(null, name is not null ? $"blob '{container}/{name}' does not exist" : $"no blob under '{container}/{prefix}'");
        }
        catch (OperatorFailureException e) when (e.Retryable)
        {
            return new Poke(null, e.Message);
        }
    }

    /// <summary>A poke's result: the output when the condition holds, else why not.</summary>
    private sealed record Poke(JsonNode? Output, string Reason);
}
