using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DurableDags.Storage.Blob;

namespace DurableDags.Benchmarks.Hosting;

/// <summary>
/// A real Azurite blob service on 127.0.0.1, started from the repository's pinned npm package as
/// the storage tests start it (in-memory, so the disk is not what is measured), killed at the end.
/// <see cref="RestartAsync"/> gives each sample a fresh one: Azurite slows down as blobs pile up.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    // The well-known development account Azurite serves; not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>
    /// What the tests pass too. <c>--disableTelemetry</c>: otherwise Azurite 3.35 hands every request
    /// to an Application Insights client that tries to reach the internet.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultFlags = ["--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry"];

    private readonly IReadOnlyList<string> _flags;
    private Process _process;
    private string _workFolder;

    private AzuriteProcess(Process process, string workFolder, int port, IReadOnlyList<string> flags)
    {
        _process = process;
        _workFolder = workFolder;
        _flags = flags;
        ConnectionString = ConnectionStringFor(port);
    }

    public string ConnectionString { get; private set; }

    /// <summary>The CPU time Azurite's Node.js process has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Stops this Azurite and starts a new, empty one in its place.</summary>
    public async Task RestartAsync()
    {
        await DisposeAsync().ConfigureAwait(false);
        var fresh = await StartAsync(_flags).ConfigureAwait(false);
        (_process, _workFolder, ConnectionString) = (fresh._process, fresh._workFolder, fresh.ConnectionString);
    }

    /// <param name="flags">Azurite's flags besides host and port; <see cref="DefaultFlags"/> when null.</param>
    /// <exception cref="InvalidOperationException">Azurite is not installed (run <c>npm ci</c>) or did not start.</exception>
    public static async Task<AzuriteProcess> StartAsync(IReadOnlyList<string>? flags = null)
    {
        flags ??= DefaultFlags;
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed ({azurite} is missing). Run `npm ci` in {root} once.");
        }

        var workFolder = Path.Combine(Path.GetTempPath(), $"dd-bench-azurite-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workFolder);
        var port = FreePort();
        var start = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = workFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--blobHost", "127.0.0.1", "--blobPort", $"{port}" }.Concat(flags))
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {azurite}.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {azurite}: {e.Message}. Is Node.js on PATH?", e);
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azuriteProcess = new AzuriteProcess(process, workFolder, port, flags);
        try
        {
            await WaitUntilListeningAsync(process, port).ConfigureAwait(false);
        }
        catch
        {
            await azuriteProcess.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return azuriteProcess;
    }

    /// <summary>A store on a container of its own, so samples never see each other's keys.</summary>
    public Task<BlobObjectStore> NewStoreAsync() =>
        BlobObjectStore.ConnectAsync(new BlobStoreOptions { ConnectionString = ConnectionString, ContainerName = $"b{Guid.NewGuid():N}" });

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        Directory.Delete(_workFolder, recursive: true);
    }

    private static string ConnectionStringFor(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    private static async Task WaitUntilListeningAsync(Process process, int port)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < StartDeadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
            }
        }
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
