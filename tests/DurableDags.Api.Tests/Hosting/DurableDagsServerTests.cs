using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using DurableDags.Api.Hosting;
using DurableDags.Api.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableDags.Api.Tests.Hosting;

public class DurableDagsServerTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7071", null)]
    [InlineData("http://localhost:7071;http://[::1]:7072", null)]
    [InlineData("http://127.0.0.1:7071;http://0.0.0.0:7072", "http://0.0.0.0:7072")]
    [InlineData("http://*:7071", "http://*:7071")]
    [InlineData("http://+:7071", "http://+:7071")]
    [InlineData("http://192.168.1.5:7071", "http://192.168.1.5:7071")]
    public void Only_loopback_urls_count_as_loopback(string urls, string? exposed) =>
        Assert.Equal(exposed, DurableDagsServer.NotLoopback(urls));

    [Fact]
    public async Task Without_api_keys_it_refuses_a_url_that_is_not_loopback()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DurableDagsServer.BuildAsync(new ServerOptions { Urls = "http://0.0.0.0:0", StoreFolder = Path.GetTempPath() }, CancellationToken.None));

        Assert.Contains("No API key is configured", error.Message, StringComparison.Ordinal);
        Assert.Contains("http://0.0.0.0:0 is not loopback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_api_keys_it_may_listen_beyond_loopback()
    {
        await using var app = await DurableDagsServer.BuildAsync(
            new ServerOptions
            {
                Urls = "http://0.0.0.0:0",
                StoreFolder = Path.Combine(Path.GetTempPath(), $"dd-srv-{Guid.NewGuid():N}"),
                ConfigurationArgs = ["--DurableDags:ApiKeys:ops:Key=k", "--DurableDags:ApiKeys:ops:Roles=Dags.Admin"],
            },
            CancellationToken.None);

        Assert.NotNull(app);
    }

    [Fact]
    public async Task Without_api_keys_a_caller_from_another_machine_is_refused_even_before_the_bound_addresses_are_checked()
    {
        // This machine's own non-loopback address stands in for another machine's: the connection
        // does not come from loopback.
        var external = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .First(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        await using var app = await DurableDagsServer.BuildAsync(
            new ServerOptions
            {
                DagsFolder = null,
                StoreFolder = Path.Combine(Path.GetTempPath(), $"dd-srv-{Guid.NewGuid():N}"),
                ConfigurationArgs = ["--Kestrel:Endpoints:E1:Url=http://0.0.0.0:0"],
            },
            CancellationToken.None);
        await app.StartAsync(); // what DurableDagsServer.StartAsync does before it checks
        var port = new Uri(app.Urls.Single()).Port;
        using var client = new HttpClient();

        using var remote = await client.GetAsync(new Uri($"http://{external}:{port}/api/dags"));
        using var local = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/api/dags"));

        Assert.Equal(HttpStatusCode.Forbidden, remote.StatusCode);
        Assert.Contains("serves only callers on its own machine", await remote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task Settings_files_are_read_once_and_not_watched()
    {
        await using var app = await DurableDagsServer.BuildAsync(new ServerOptions { DagsFolder = null, StoreFolder = Path.GetTempPath() }, CancellationToken.None);

        var files = ((IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>()).Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, $"{file.Source.Path} is watched"));
    }

    [Fact]
    public async Task ASP_NET_Core_logs_only_warnings_unless_configured_while_our_own_logs_keep_information()
    {
        await using var quiet = await DurableDagsServer.BuildAsync(new ServerOptions { DagsFolder = null, StoreFolder = Path.GetTempPath() }, CancellationToken.None);
        await using var chatty = await DurableDagsServer.BuildAsync(
            new ServerOptions { DagsFolder = null, StoreFolder = Path.GetTempPath(), ConfigurationArgs = ["--Logging:LogLevel:Microsoft.AspNetCore=Information"] },
            CancellationToken.None);

        Assert.Equal((false, true, true), Levels(quiet));
        Assert.Equal((true, true, true), Levels(chatty));

        // Request lines at Information, ASP.NET Core's warnings, and the scheduler's own logs.
        static (bool Requests, bool Warnings, bool Ours) Levels(Microsoft.AspNetCore.Builder.WebApplication app)
        {
            var loggers = app.Services.GetRequiredService<ILoggerFactory>();
            var requests = loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");
            return (requests.IsEnabled(LogLevel.Information), requests.IsEnabled(LogLevel.Warning),
                loggers.CreateLogger<SchedulerTick>().IsEnabled(LogLevel.Information));
        }
    }
}
