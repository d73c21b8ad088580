using System.Net;
using DurableDags.Api.Problems;
using DurableDags.Api.Routing;
using DurableDags.Api.Security;
using DurableDags.Engine;
using DurableDags.Storage.Blob;
using DurableDags.Storage.Folder;
using DurableDags.Storage.Objects;
using DurableDags.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableDags.Api.Hosting;

/// <summary>
/// The local server of <c>dags serve</c>: the API on Kestrel, the embedded engine (which resumes
/// unfinished runs when it starts) and the scheduler, over a folder or Blob store.
/// </summary>
public static class DurableDagsServer
{
    /// <summary>Builds the server without starting it.</summary>
    /// <exception cref="InvalidOperationException">
    /// The configuration is not valid, or no API key is configured and a URL is not on loopback.
    /// </exception>
    public static async Task<WebApplication> BuildAsync(ServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // appsettings.json is read once, not watched: watching it puts an inotify watch on every
            // folder under the content root, and the default store (.store) lives there, so every
            // run and node folder the store creates would be watched, costing CPU and, on a long
            // running server, the machine's watch limit. Settings change with a restart.
            Args = ["--hostBuilder:reloadConfigOnChange=false", .. options.ConfigurationArgs],
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        // A line per request at Information drowns the server's own logs. Put first, so any
        // appsettings.json, environment variable or --Key=Value setting still wins.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [KeyValuePair.Create<string, string?>("Logging:LogLevel:Microsoft.AspNetCore", nameof(LogLevel.Warning))],
        });
        var roles = ApiKeyRolesSource.FromConfiguration(builder.Configuration);
        if (roles.IsOpen && NotLoopback(options.Urls) is { } exposed)
        {
            throw new InvalidOperationException(
                $"No API key is configured, so the server only listens on loopback, and {exposed} is not loopback. " +
                $"Configure keys under {ApiKeyRolesSource.Section} (see docs/server.md) or listen on 127.0.0.1.");
        }

        builder.WebHost.UseUrls(options.Urls);
        IObjectStore objects = options.ObjectStore ?? (options.StorageConnection is { } connection
            ? await BlobObjectStore.ConnectAsync(BlobStoreOptions.Parse(connection), cancellationToken).ConfigureAwait(false)
            : new FolderObjectStore(Path.GetFullPath(options.StoreFolder)));
        builder.Services
            .AddSingleton(objects)
            .AddSingleton(roles)
            .AddSingleton<IRolesSource>(roles)
            .AddDurableDagsEngine(engine => builder.Configuration.GetSection("DurableDags:Engine").Bind(engine))
            .AddDurableDagsApi(builder.Configuration)
            .AddDurableDagsScheduler()
            .AddDurableDagsTelemetry(builder.Configuration, "durabledags-serve");
        var app = builder.Build();
        if (roles.IsOpen)
        {
            app.Use(LocalCallersOnly);
        }

        app.MapDurableDagsApi();
        // The UI is a catch-all of the lowest precedence, so every /api route keeps winning.
        app.MapWebUi();
        return app;
    }

    /// <summary>
    /// Starts the server. Without API keys it must listen on loopback only, and the URLs it was
    /// given are not the whole story: <c>Kestrel:Endpoints</c> settings (from appsettings.json,
    /// environment variables or <c>--Kestrel:…</c> arguments) override them. So the addresses
    /// Kestrel actually bound are checked once it has started, and a server bound beyond loopback
    /// is stopped again before it is reported started.
    /// </summary>
    /// <exception cref="InvalidOperationException">No API key is configured and an address bound is not loopback.</exception>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (app.Services.GetRequiredService<ApiKeyRolesSource>().IsOpen && NotLoopback(string.Join(';', bound)) is { } exposed)
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw new InvalidOperationException(
                $"No API key is configured, so the server only listens on loopback, but it is bound to {exposed}, which is not loopback " +
                "(set by Kestrel:Endpoints in appsettings.json, an environment variable or an argument, or by --urls). " +
                $"Configure keys under {ApiKeyRolesSource.Section} (see docs/server.md) or listen on 127.0.0.1 only.");
        }
    }

    /// <summary>
    /// Without API keys, a caller from another machine is refused, whatever address it reached:
    /// this holds even in the moment between Kestrel binding an address and <see cref="StartAsync"/> checking it.
    /// </summary>
    private static Task LocalCallersOnly(HttpContext context, RequestDelegate next)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return next(context);
        }

        return ApiProblem.Forbidden(
            $"No API key is configured on this server, so it serves only callers on its own machine; {remote} is not. Configure keys under {ApiKeyRolesSource.Section}.")
            .ExecuteAsync(context);
    }

    /// <summary>The first URL whose host is not a loopback address, or null.</summary>
    public static string? NotLoopback(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcards (*, +, 0.0.0.0, [::]) do not parse as loopback hosts, so they are refused too.
            var host = Uri.TryCreate(url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                ? uri.Host.Trim('[', ']')
                : null;
            var loopback = host is not null
                && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)));
            if (!loopback)
            {
                return url;
            }
        }

        return null;
    }
}
