using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DurableDags.Engine.Tests.Operators.Http.Auth;

/// <summary>
/// A local identity endpoint speaking App Service's managed-identity protocol (api-version
/// 2019-08-01): GET with <c>resource</c> and <c>client_id</c> in the query and the secret
/// <c>X-IDENTITY-HEADER</c>, answered with <c>access_token</c> and <c>expires_on</c> in Unix seconds.
/// Each token it issues is new, and lives as long as <see cref="Lifetime"/> says.
/// </summary>
public sealed class AppServiceIdentityEndpoint : IAsyncDisposable
{
    public const string Header = "identity-header-7c1d";

    private readonly WebApplication _app;
    private int _issued;

    private AppServiceIdentityEndpoint(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    public ConcurrentQueue<(string? Resource, string? ClientId)> Requests { get; } = new();

    public ConcurrentQueue<string> Issued { get; } = new();

    public static async Task<AppServiceIdentityEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new AppServiceIdentityEndpoint(app);
        app.MapGet("/msi/token", (HttpContext context) =>
        {
            if (context.Request.Headers["X-IDENTITY-HEADER"] != Header || context.Request.Query["api-version"] != "2019-08-01")
            {
                return Results.Json(new { error = "invalid_request" }, statusCode: 400);
            }

            endpoint.Requests.Enqueue((context.Request.Query["resource"], context.Request.Query["client_id"]));
            var token = $"eyJ0eXAi.token-{Interlocked.Increment(ref endpoint._issued)}-{Guid.NewGuid():N}";
            endpoint.Issued.Enqueue(token);
            return Results.Json(new Dictionary<string, string>
            {
                ["access_token"] = token,
                ["expires_on"] = (DateTimeOffset.UtcNow + endpoint.Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["resource"] = context.Request.Query["resource"].ToString(),
                ["token_type"] = "Bearer",
                ["client_id"] = context.Request.Query["client_id"].ToString(),
            });
        });
        await app.StartAsync();
        endpoint.Endpoint = app.Urls.Single() + "/msi/token";
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
