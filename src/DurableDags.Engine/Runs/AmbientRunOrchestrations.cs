using System.Text.Json;
using DurableDags.Orchestration.Contracts;

namespace DurableDags.Engine.Runs;

/// <summary>
/// Run orchestrations for hosts whose orchestration client exists per call, not per process:
/// Azure Functions binds a DurableTaskClient to each function invocation. The invocation puts its
/// client in place with <see cref="Use"/> for the length of the call; the launcher and everything
/// under it (handlers, the scheduler tick, a step that starts a child run) reach it through here.
/// Concurrent invocations each see their own.
/// </summary>
public sealed class AmbientRunOrchestrations : IRunOrchestrations
{
    private static readonly AsyncLocal<IRunOrchestrations?> Current = new();

    /// <summary>Makes <paramref name="orchestrations"/> the current ones until the returned scope is disposed.</summary>
    public static IDisposable Use(IRunOrchestrations orchestrations)
    {
        ArgumentNullException.ThrowIfNull(orchestrations);
        var previous = Current.Value;
        Current.Value = orchestrations;
        return new Scope(previous);
    }

    public Task<bool> StartAsync(DagRunInput input, CancellationToken cancellationToken) =>
        Require().StartAsync(input, cancellationToken);

    public Task<bool> RaiseEventAsync(string instanceId, string eventName, JsonElement? payload, CancellationToken cancellationToken) =>
        Require().RaiseEventAsync(instanceId, eventName, payload, cancellationToken);

    public Task TerminateAsync(string instanceId, string reason, CancellationToken cancellationToken) =>
        Require().TerminateAsync(instanceId, reason, cancellationToken);

    private static IRunOrchestrations Require() => Current.Value ?? throw new InvalidOperationException(
        "No orchestration client for this call: the function that started it must bind one and call AmbientRunOrchestrations.Use.");

    private sealed class Scope(IRunOrchestrations? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
