using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DurableDags.Storage.Tests.Azurite;

/// <summary>
/// One real Azurite blob service on a loopback port, from the repository's pinned npm package.
/// Kept in memory, or in a data folder when given one: then <see cref="StopAsync"/> and
/// <see cref="StartAsync"/> take it away and bring it back on the same port with the same data,
/// as a storage outage does.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    // The well-known development account Azurite serves; not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _output = new();
    private readonly string _workFolder = Path.Combine(Path.GetTempPath(), $"azurite-{Guid.NewGuid():N}");
    private readonly bool _persistent;
    private readonly int _port = FreePort();
    private Process? _process;

    private AzuriteProcess(bool persistent) => _persistent = persistent;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{_port}/devstoreaccount1;";

    /// <param name="persistent">Keep the data in a folder, so a restart finds it again.</param>
    public static async Task<AzuriteProcess> StartNewAsync(bool persistent = false)
    {
        var azurite = new AzuriteProcess(persistent);
        await azurite.StartAsync();
        return azurite;
    }

    public async Task StartAsync()
    {
        var root = RepositoryRoot();
        var executable = Path.Combine(root, "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({executable} is missing). Run `npm ci` in {root} once: package.json pins azurite.");
        }

        Directory.CreateDirectory(_workFolder);
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = _workFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // --disableTelemetry: Azurite 3.35 otherwise hands every request to an Application Insights client that tries to reach the internet.
        // A persistent instance also writes its debug log: the one sign that it has finished starting (see WaitUntilStoppableAsync).
        File.Delete(DebugLog);
        string[] storage = _persistent ? ["--location", _workFolder, "--debug", DebugLog] : ["--inMemoryPersistence"];
        string[] args = ["--blobHost", "127.0.0.1", "--blobPort", $"{_port}", .. storage, "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry"];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {executable}: {e.Message}. Is Node.js on PATH? Then run `npm ci` in {root}.", e);
        }

        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListeningAsync();
        if (_persistent)
        {
            await WaitUntilStoppableAsync();
        }
    }

    /// <summary>
    /// Stops the service cleanly (SIGTERM, so it saves its data, as an operator's stop does); its
    /// port refuses connections until <see cref="StartAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var term = Process.Start("kill", ["-TERM", $"{_process.Id}"]))
            {
                await term.WaitForExitAsync();
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        var killedBeforeSaving = _persistent && _process is not null && !Output().Contains("Blob service is closing", StringComparison.Ordinal);
        _process?.Dispose();
        _process = null;
        if (killedBeforeSaving)
        {
            throw new InvalidOperationException($"Azurite ended without its clean shutdown, so its data was not saved:\n{Output()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_workFolder, recursive: true);
    }

    private string DebugLog => Path.Combine(_workFolder, "debug.log");

    /// <summary>
    /// Azurite listens before it handles SIGTERM: it first checks its data folder, and a SIGTERM in
    /// between kills it with the default action, losing every change not yet autosaved (a container
    /// created a moment before). Its last step before taking the signal logs the telemetry line.
    /// </summary>
    private async Task WaitUntilStoppableAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (!DebugLogSays("initialize Telemetry"))
        {
            if (_process!.HasExited || deadline.Elapsed > StartDeadline)
            {
                throw new TimeoutException($"Azurite on 127.0.0.1:{_port} did not finish starting within {StartDeadline.TotalSeconds} s:\n{Output()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    private bool DebugLogSays(string text)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(DebugLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            return reader.ReadToEnd().Contains(text, StringComparison.Ordinal);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    private void Capture(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilListeningAsync()
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
                await client.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < StartDeadline)
            {
                // Not listening yet: poll again shortly, until the deadline.
                await Task.Delay(TimeSpan.FromMilliseconds(50));
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{_port} within {StartDeadline.TotalSeconds} s:\n{Output()}", e);
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
