using System.Diagnostics;
using System.Globalization;

namespace DurableDags.Engine.Tests.Operators.Testing;

/// <summary>
/// Python's http.server as services run it: HTTP/1.0, a thread per request, every connection
/// closed after its response. Started as a child process on a free loopback port.
/// </summary>
public sealed class Http10Server : IDisposable
{
    private const string Script = """
        import http.server, json, sys
        class Handler(http.server.BaseHTTPRequestHandler):
            def reply(self):
                length = int(self.headers.get('Content-Length') or 0)
                if length:
                    self.rfile.read(length)
                body = json.dumps({"path": self.path, "key": self.headers.get('Idempotency-Key')}).encode()
                self.send_response(200)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            do_GET = reply
            do_POST = reply
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """;

    private readonly Process _process;

    private Http10Server(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public Uri BaseAddress { get; }

    public static async Task<Http10Server> StartAsync()
    {
        var start = new ProcessStartInfo("python3", ["-c", Script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"python3 http.server did not start: {line} {error}");
        }

        return new Http10Server(process, port);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
