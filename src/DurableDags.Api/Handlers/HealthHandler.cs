using DurableDags.Api.Json;
using DurableDags.Api.Problems;
using DurableDags.Storage.Checkpoints;
using Microsoft.AspNetCore.Http;

namespace DurableDags.Api.Handlers;

/// <summary>
/// <c>GET /api/health</c>: 200 when the store answers a listing, 503 with the reason and since
/// when when not. A probe is cut off after <see cref="ProbeTimeout"/>, and only one runs at a time.
/// While the store is known to be down the answer comes at once from <see cref="StorageStatus"/>,
/// and the probe runs behind it to notice the store's return.
/// </summary>
public sealed class HealthHandler(ICheckpointStore store, StorageStatus status)
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private Task? _probe;

    public async Task<IResult> GetAsync(CancellationToken cancellationToken)
    {
        var probe = Probe();
        if (status.Current is null)
        {
            await probe.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return status.Current is { } outage
            ? ApiProblem.Unavailable("The store cannot be reached", outage.Describe())
            : JsonResponse.Ok(new { status = "ok", store = "reachable" });
    }

    /// <summary>The probe in flight, or a new one; it never throws and always ends within the timeout.</summary>
    private Task Probe()
    {
        lock (_gate)
        {
            if (_probe is not { IsCompleted: false })
            {
                _probe = Task.Run(ProbeAsync, CancellationToken.None);
            }

            return _probe;
        }
    }

    private async Task ProbeAsync()
    {
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        try
        {
            await store.Objects.ListAsync("registry/", limit: 1, cancellationToken: timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
            status.MarkUp();
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            status.MarkDown($"no answer within {ProbeTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e)
        {
            status.MarkDown($"{e.GetType().Name}: {e.Message}");
        }
    }
}
