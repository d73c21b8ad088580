using DurableDags.Engine.Embedded;
using DurableDags.Engine.Runs;
using Microsoft.Extensions.Hosting;

namespace DurableDags.Engine.Hosting;

/// <summary>
/// Resumes every unfinished run when the host starts; when it stops, stops the background starts
/// of runs (those still queued are resumed at the next start), then the engine, giving up its leases.
/// </summary>
internal sealed class EmbeddedEngineHostedService(EmbeddedRunLauncher launcher, EmbeddedOrchestrationEngine engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => launcher.ResumeAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await launcher.StopStartsAsync().ConfigureAwait(false);
        await engine.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
