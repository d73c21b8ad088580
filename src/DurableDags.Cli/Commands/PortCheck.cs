using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DurableDags.Cli.Commands;

/// <summary>
/// Finds a <c>--urls</c> port another process already listens on, before the server starts:
/// Kestrel would fail with a stack trace in its log, and the common case (a second
/// <c>./build.sh run</c>) deserves one line that says what to do.
/// </summary>
internal static class PortCheck
{
    /// <summary>The first URL whose loopback port is taken, or null; other hosts and port 0 are left to Kestrel.</summary>
    public static string? FirstInUse(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Port == 0)
            {
                continue;
            }

            var host = uri.Host.Trim('[', ']');
            IPAddress[] addresses = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                ? [IPAddress.Loopback]
                : IPAddress.TryParse(host, out var ip) ? [ip] : [];
            if (addresses.Any(address => IsTaken(address, uri.Port)))
            {
                return url;
            }
        }

        return null;
    }

    /// <summary>What to print for <paramref name="url"/>, naming a port to use instead.</summary>
    public static string Message(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var port = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Port : 0;
        var other = uri is null ? "http://127.0.0.1:7072" : new UriBuilder(uri) { Port = port + 1 }.Uri.GetLeftPart(UriPartial.Authority);
        return $"port {port.ToString(CultureInfo.InvariantCulture)} is in use: stop the other server or run with --urls {other} (./build.sh run --urls {other})";
    }

    private static bool IsTaken(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            // Not an address of this machine, say: Kestrel reports that itself.
            return false;
        }
    }
}
