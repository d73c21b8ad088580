using System.Text.Json.Nodes;
using DurableDags.Core.Definitions;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Http.Auth;
using DurableDags.Engine.Operators.Settings;

namespace DurableDags.Engine.Operators.Sensors;

/// <summary>
/// <c>sensor</c>: checks until a condition holds. An HTTP sensor (<c>http</c>, a request) holds
/// when <c>condition</c>, read with <c>response</c> (<c>{ status, headers, body }</c>) in scope,
/// is true, or without one on a 2xx. A blob sensor (<c>blob</c>: <c>container</c> with
/// <c>name</c> or <c>prefix</c>) holds when the blob exists or the prefix has one; its
/// <c>response</c> is <c>{ container, name | prefix, exists }</c>. Transient errors (network,
/// timeouts, 5xx, 408, 429) only cost a check; the condition is not read on them.
/// </summary>
/// <remarks>
/// <c>mode: reschedule</c> (default) sleeps on a durable timer between checks; <c>mode: poke</c>
/// checks in the step itself for up to <see cref="PokeStepBudget"/>, then goes on in a new step.
/// When the node's timeout (else <see cref="DefaultTimeout"/>, as Airflow's) passes, the node fails,
/// not retryable, or with <c>softFail</c> ends skipped.
/// </remarks>
public sealed class SensorOperator(HttpClient client, BlobProbes blobs, IAccessTokens? tokens = null) : NodeOperator
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromDays(7);

    /// <summary>How long one step of a poke-mode sensor may keep checking, to stay within activity limits.</summary>
    public static readonly TimeSpan PokeStepBudget = TimeSpan.FromMinutes(5);

    private readonly HttpExchange _exchange = new(client, tokens);

    public override string Type => "sensor";

    protected override async Task<OperatorResult> ExecuteAsync(
        OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var interval = settings.GetDuration("pollInterval") ?? DefaultPollInterval;
        var timeout = request.Node.Policy.Timeout ?? DefaultTimeout;
        var poke = ReadMode(settings);
        var softFail = settings.GetBoolean("softFail") ?? false;
        var stepStarted = request.Time.GetUtcNow();
        var state = SensorState.From(request.State, stepStarted);
        var deadline = state.StartedAt + timeout;
        while (true)
        {
            var check = state.Checks + 1;
            var outcome = await CheckAsync(request, settings, cancellationToken).ConfigureAwait(false);
            if (outcome.Output is not null)
            {
                request.Log.WriteLine($"check {check}: the condition holds");
                return new OperatorResult.Succeeded(outcome.Output);
            }

            state = state with { Checks = check };
            var now = request.Time.GetUtcNow();
            if (now >= deadline)
            {
                var message = $"the sensor timed out after {Duration.Format(timeout)}: its condition did not hold in {check} checks; the last: {outcome.Reason}";
                request.Log.WriteLine(message);
                return softFail ? new OperatorResult.Skipped(message) : OperatorFailureException.Permanent(message).ToResult();
            }

            // The last wait ends at the deadline, so a timeout is reported on time and by the sensor.
            var wait = deadline - now < interval ? deadline - now : interval;
            request.Log.WriteLine($"check {check}: {outcome.Reason}; checking again in {Duration.Format(wait)}");
            if (!poke || now - stepStarted + wait > PokeStepBudget)
            {
                return new OperatorResult.Poll(wait, state.ToJson());
            }

            await Task.Delay(wait, request.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool ReadMode(OperatorSettings settings) => settings.GetString("mode") switch
    {
        null or "reschedule" => false,
        "poke" => true,
        var other => throw OperatorFailureException.Permanent($"{settings.PathOf("mode")}: '{other}' is not a mode; use reschedule or poke"),
    };

    private Task<Check> CheckAsync(OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken) =>
        (settings.Has("http"), settings.Has("blob")) switch
        {
            (true, false) => CheckHttpAsync(request, settings, cancellationToken),
            (false, true) => CheckBlobAsync(request, settings, cancellationToken),
            _ => throw OperatorFailureException.Permanent($"{settings.Path}: a sensor needs exactly one of http or blob"),
        };

    private async Task<Check> CheckHttpAsync(OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var spec = HttpRequestReader.Read(settings.Section("http"));
        HttpResponseOutput response;
        try
        {
            var timeout = HttpExchange.RequestTimeout(null, request.Node.Policy);
            response = await _exchange.SendAsync(spec, idempotencyKey: null, timeout, request.Time, request.Log, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperatorFailureException e) when (e.Retryable)
        {
            return new Check(null, e.Message);
        }

        var output = response.ToJson();
        if (HttpExchange.IsRetryableStatus(response.Status))
        {
            return new Check(null, $"{spec} answered {response.Status}");
        }

        if (!settings.Has("condition"))
        {
            return spec.Expected.Matches(response.Status) ? new Check(output, "") : new Check(null, $"status {response.Status}, not a 2xx");
        }

        return Holds(request, settings, output) ? new Check(output, "") : new Check(null, $"status {response.Status}, condition false");
    }

    private async Task<Check> CheckBlobAsync(OperatorRequest request, OperatorSettings settings, CancellationToken cancellationToken)
    {
        var blob = settings.Section("blob");
        var container = blob.RequireString("container");
        var name = blob.GetString("name");
        var prefix = blob.GetString("prefix");
        if ((name is null) == (prefix is null))
        {
            throw OperatorFailureException.Permanent($"{blob.Path}: a blob sensor needs exactly one of name or prefix");
        }

        var probe = blobs.For(blob.GetString("connection"));
        var where = name is not null ? $"blob '{container}/{name}'" : $"blobs under '{container}/{prefix}'";
        bool exists;
        try
        {
            exists = name is not null
                ? await probe.ExistsAsync(container, name, cancellationToken).ConfigureAwait(false)
                : await probe.AnyAsync(container, prefix!, cancellationToken).ConfigureAwait(false);
        }
        catch (OperatorFailureException e) when (e.Retryable)
        {
            return new Check(null, e.Message);
        }

        var output = new JsonObject { ["container"] = container, [name is not null ? "name" : "prefix"] = name ?? prefix, ["exists"] = exists };
        var holds = settings.Has("condition") ? Holds(request, settings, output) : exists;
        return holds ? new Check(output, "") : new Check(null, exists ? $"{where}: condition false" : $"no {where}");
    }

    private static bool Holds(OperatorRequest request, OperatorSettings settings, JsonObject response) =>
        settings.WithScope(new PhaseScope(request.Scope, "response", response.DeepClone())).GetCondition("condition") == true;

    /// <summary>One check's result: the output when the condition holds, else why not.</summary>
    private sealed record Check(JsonNode? Output, string Reason);
}
