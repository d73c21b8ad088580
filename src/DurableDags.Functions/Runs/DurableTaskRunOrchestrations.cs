using System.Text.Json;
using DurableDags.Engine.Runs;
using DurableDags.Orchestration.Contracts;
using DurableTask.Core.Exceptions;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableDags.Functions.Runs;

/// <summary>
/// Run orchestrations on Durable Functions, through the DurableTaskClient bound to one function
/// invocation. Only the client calls live here; records, idempotency and reruns are
/// <see cref="RunLauncher"/>'s, as on the embedded engine.
/// </summary>
public sealed class DurableTaskRunOrchestrations(DurableTaskClient client) : IRunOrchestrations
{
    public async Task<bool> StartAsync(DagRunInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        // A run's instance that is pending, running or suspended is never replaced, whatever
        // host.json's overridableExistingInstanceStates says: the start fails with AlreadyExists.
        var options = new StartOrchestrationOptions { InstanceId = DagActivityNames.InstanceIdOf(input.DagId, input.RunId) }
            .WithDedupeStatuses(OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(DagActivityNames.DagRunOrchestrator, input, options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            // Older clients pass the host's refusal on as the raw gRPC status.
            return false;
        }
    }

    /// <summary>Pending and running instances take events; a suspended one would only queue them, so it counts as not taking them.</summary>
    public async Task<bool> RaiseEventAsync(string instanceId, string eventName, JsonElement? payload, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        if (instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending })
        {
            return false;
        }

        try
        {
            await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            // It ended between the look and the event.
            return false;
        }
    }

    /// <summary>
    /// Not recursive: the Durable host drops that flag, and where it is honoured it would end
    /// child runs without recording their end. <see cref="RunLauncher"/> cancels child runs itself.
    /// </summary>
    public async Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions { Output = reason }, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
        {
            // Missing or ended already: nothing is left to end.
        }
    }
}
