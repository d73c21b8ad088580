using Azure.Storage.Blobs;
using DurableDags.Core.Operators;
using DurableDags.Engine.Operators.Children;
using DurableDags.Engine.Operators.Http;
using DurableDags.Engine.Operators.Http.Auth;
using DurableDags.Engine.Operators.Http.Outbound;
using DurableDags.Engine.Operators.Jobs;
using DurableDags.Engine.Operators.Notifications;
using DurableDags.Engine.Operators.Sensors;
using DurableDags.Engine.Operators.Waits;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DurableDags.Engine.Operators.Registration;

public static class OperatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in operators and the <see cref="OperatorRegistry"/>. HTTP operators
    /// share one <see cref="HttpClient"/> (see <see cref="OperatorHttpClient"/>), which connects
    /// only where the <see cref="OutboundPolicy"/> from configuration (DurableDags:Outbound) allows. Blob sensors use
    /// a registered <see cref="IBlobProbe"/>, else a registered <see cref="BlobServiceClient"/>,
    /// for the host's storage, and the app setting a sensor names for any other account.
    /// </summary>
    public static IServiceCollection AddDurableDagsOperators(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => OutboundPolicy.FromConfiguration(sp.GetService<IConfiguration>()));
        services.TryAddSingleton(sp => new OperatorHttpClientHolder(sp.GetRequiredService<OutboundPolicy>()));
        services.TryAddSingleton<OperatorRegistry>();
        services.TryAddSingleton(sp => new BlobProbes(
            sp.GetService<IBlobProbe>() ?? (sp.GetService<BlobServiceClient>() is { } client ? new BlobServiceProbe(client) : null)));
        // The credential is built on first use: a host whose DAGs use no auth never looks for one.
        services.TryAddSingleton<IAccessTokens>(sp => new EntraAccessTokens(
            new LazyCredential(() => EntraAccessTokens.CreateCredential(sp.GetService<IConfiguration>()))));
        AddBuiltIn(services, sp => new HttpOperator(Client(sp), sp.GetService<IAccessTokens>()));
        AddBuiltIn(services, sp => new HttpJobOperator(Client(sp), sp.GetService<IAccessTokens>()));
        AddBuiltIn(services, sp => new SensorOperator(Client(sp), sp.GetRequiredService<BlobProbes>(), sp.GetService<IAccessTokens>()));
        AddBuiltIn(services, sp => new NotifyOperator(Client(sp)));
        services.TryAddSingleton(sp => new NotifySender(Client(sp)));
        AddBuiltIn(services, _ => new WaitOperator());
        AddBuiltIn(services, _ => new ApprovalOperator());
        AddBuiltIn(services, _ => new DagOperator());
        AddBuiltIn(services, _ => new NoopOperator());
        return services;
    }

    /// <summary>
    /// Registers a custom operator, built by the container so its constructor may take services,
    /// with the spec its settings are validated against (none: any settings pass validation and
    /// the operator checks them when it runs). Its type must not be one already registered.
    /// </summary>
    public static IServiceCollection AddNodeOperator<TOperator>(this IServiceCollection services, OperatorSpec? spec = null)
        where TOperator : class, INodeOperator
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<OperatorRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeOperator, TOperator>());
        if (spec is not null)
        {
            services.AddSingleton(spec);
        }

        return services;
    }

    private static void AddBuiltIn<TOperator>(IServiceCollection services, Func<IServiceProvider, TOperator> create)
        where TOperator : class, INodeOperator =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeOperator, TOperator>(create));

    private static HttpClient Client(IServiceProvider services) =>
        services.GetRequiredService<OperatorHttpClientHolder>().Client;

    /// <summary>Owns the shared client, so the container disposes it with itself.</summary>
    private sealed class OperatorHttpClientHolder(OutboundPolicy policy) : IDisposable
    {
        public HttpClient Client { get; } = OperatorHttpClient.Create(policy);

        public void Dispose() => Client.Dispose();
    }
}
