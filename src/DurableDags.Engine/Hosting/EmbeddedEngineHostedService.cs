using DurableDags.Engine.Embedded;
using DurableDags.Engine.Runs;
using Microsoft.Extensions.Hosting;

namespace DurableDags.Engine.Hosting;

/// <summary>Resumes every unfinished run when the host starts; stops the engine, giving up its leases, when it stops.</summary>
internal sealed class EmbeddedEngineHostedService(EmbeddedRunLauncher launcher, EmbeddedOrchestrationEngine engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => launcher.ResumeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => engine.StopAsync(cancellationToken);
}
