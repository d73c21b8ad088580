using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace DurableDags.Engine.Tests.Alerts;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port the OS picks, so email alerts
/// travel the whole RFC 5321 conversation System.Net.Mail holds with any server. It keeps each
/// message with its envelope, and refuses (550 on RCPT TO) the recipients it is told to.
/// </summary>
public sealed class SmtpPeer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Received> _messages = new();
    private readonly TaskCompletionSource<int> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SmtpServer.SmtpServer _server;
    private Task _running = Task.CompletedTask;

    /// <summary>One message as the server got it: the envelope's sender and recipients, and the parsed message.</summary>
    public sealed record Received(string From, IReadOnlyList<string> To, MimeMessage Message);

    private SmtpPeer(IEnumerable<string> refused)
    {
        Refused = new HashSet<string>(refused, StringComparer.OrdinalIgnoreCase);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => _started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var provider = new SmtpServer.ComponentModel.ServiceProvider();
        provider.Add(listeners);
        provider.Add(new Store(_messages));
        provider.Add(new Filter(Refused));
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        _server = new SmtpServer.SmtpServer(options, provider);
    }

    public int Port { get; private set; }

    /// <summary>Addresses whose RCPT TO is answered 550.</summary>
    public ISet<string> Refused { get; }

    public IReadOnlyList<Received> Messages => [.. _messages];

    public static async Task<SmtpPeer> StartAsync(params string[] refused)
    {
        var peer = new SmtpPeer(refused);
        peer._running = peer._server.StartAsync(peer._stop.Token);
        peer.Port = await peer._started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        await Task.WhenAny(_running, Task.Delay(TimeSpan.FromSeconds(10)));
        _stop.Dispose();
    }

    private static string AddressOf(IMailbox mailbox) => $"{mailbox.User}@{mailbox.Host}";

    private sealed class Store(ConcurrentQueue<Received> messages) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(new Received(AddressOf(transaction.From), [.. transaction.To.Select(AddressOf)], MimeMessage.Load(stream, cancellationToken)));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(ISet<string> refused) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!refused.Contains(AddressOf(to)));
    }
}
