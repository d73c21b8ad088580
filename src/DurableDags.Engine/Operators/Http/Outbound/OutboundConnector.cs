using System.Net;
using System.Net.Sockets;

namespace DurableDags.Engine.Operators.Http.Outbound;

/// <summary>
/// The connect callback of the operators' handler: resolves the host itself, checks every address
/// against the <see cref="OutboundPolicy"/>, and connects only to allowed ones. Checking the
/// addresses actually connected to, not the name, is what keeps DNS rebinding out.
/// </summary>
public sealed class OutboundConnector(OutboundPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        string? denial = null;
        var allowed = new List<IPAddress>(addresses.Length);
        foreach (var address in addresses)
        {
            var reason = policy.Check(host, address, port);
            if (reason is null)
            {
                allowed.Add(address);
            }
            else
            {
                denial ??= reason;
            }
        }

        if (allowed.Count == 0)
        {
            throw new OutboundDeniedException(denial ?? $"{host} resolved to no address");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. allowed], port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
