namespace DurableDags.Api.Tests.Fixtures;

/// <summary>
/// Tests over a real server on one store and a <see cref="CallCounter"/> that its DAGs call;
/// subclasses pick the store and register their DAGs.
/// </summary>
public abstract class ServerWithCounterTests : IAsyncLifetime
{
    protected ApiServer Server { get; private set; } = null!;

    protected CallCounter Counter { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Counter = await CallCounter.StartAsync();
        Server = await StartAsync();
        await RegisterDagsAsync();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Counter.DisposeAsync();
    }

    protected abstract Task<ApiServer> StartAsync();

    protected abstract Task RegisterDagsAsync();
}
