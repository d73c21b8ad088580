using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DurableDags.Storage.Blob;

namespace DurableDags.Storage.Tests.Azurite;

/// <summary>
/// A real Azurite blob service on loopback, started once per test collection from the repository's
/// pinned npm package and killed at the end. Each test gets its own container.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    // The well-known development account Azurite serves; not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _output = new();
    private readonly string _workFolder = Path.Combine(Path.GetTempPath(), $"azurite-{Guid.NewGuid():N}");
    private Process? _process;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({azurite} is missing). Run `npm ci` in {root} once: package.json pins azurite.");
        }

        Directory.CreateDirectory(_workFolder);
        var port = FreePort();
        var start = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = _workFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // --disableTelemetry: Azurite 3.35 otherwise hands every request to an Application Insights client that tries to reach the internet.
        foreach (var arg in new[] { "--blobHost", "127.0.0.1", "--blobPort", $"{port}", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry" })
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {azurite}.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {azurite}: {e.Message}. Is Node.js on PATH? Then run `npm ci` in {root}.", e);
        }

        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await WaitUntilListeningAsync(port);
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_workFolder, recursive: true);
    }

    /// <summary>A store on a container of its own, so tests never see each other's keys.</summary>
    public Task<BlobObjectStore> NewStoreAsync() =>
        BlobObjectStore.ConnectAsync(new BlobStoreOptions { ConnectionString = ConnectionString, ContainerName = $"t{Guid.NewGuid():N}" });

    private void Capture(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening:\n{Output()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < StartDeadline)
            {
                // Not listening yet: poll again shortly, until the deadline.
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{port} within {StartDeadline.TotalSeconds} s:\n{Output()}", e);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above {AppContext.BaseDirectory}: cannot find the repository root and its node_modules.");
    }
}
