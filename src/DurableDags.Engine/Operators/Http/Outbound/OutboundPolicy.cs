using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Operators.Http.Outbound;

/// <summary>
/// Which addresses operators' requests may connect to, from <c>DurableDags:Outbound</c>. Checked
/// against every address a host name resolved to, when connecting (so DNS rebinding cannot slip a
/// denied address past it) and so on every redirect. In order: <c>Deny</c> wins; <c>Allow</c>
/// permits; with <c>AllowListOnly</c> nothing else is allowed; link-local addresses (the cloud
/// metadata endpoint 169.254.169.254 among them) and this server's own API are denied by default;
/// loopback is allowed unless <c>AllowLoopback</c> is false.
/// </summary>
public sealed class OutboundPolicy
{
    public const string Section = "DurableDags:Outbound";

    private static readonly IPNetwork LinkLocalV4 = IPNetwork.Parse("169.254.0.0/16");
    private static readonly IPNetwork LinkLocalV6 = IPNetwork.Parse("fe80::/10");
    private static readonly IPNetwork ThisNetwork = IPNetwork.Parse("0.0.0.0/8");
    private static readonly IPNetwork LoopbackV4 = IPNetwork.Parse("127.0.0.0/8");

    private readonly ConcurrentDictionary<IPEndPoint, bool> _ownEndpoints = new();
    private readonly ConcurrentDictionary<string, bool> _ownHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<HashSet<IPAddress>> _localAddresses = new(ReadLocalAddresses);

    public ImmutableArray<OutboundRule> Allow { get; init; } = [];

    public ImmutableArray<OutboundRule> Deny { get; init; } = [];

    public bool AllowLoopback { get; init; } = true;

    public bool AllowListOnly { get; init; }

    /// <summary>The defaults: link-local and this server's API denied, everything else allowed.</summary>
    public static OutboundPolicy Default => new();

    /// <exception cref="InvalidOperationException">An entry of a list is not a network, address or host name.</exception>
    public static OutboundPolicy FromConfiguration(IConfiguration? configuration)
    {
        var section = configuration?.GetSection(Section);
        var policy = new OutboundPolicy
        {
            Allow = ReadRules(section, "Allow"),
            Deny = ReadRules(section, "Deny"),
            AllowLoopback = ReadFlag(section, "AllowLoopback") ?? true,
            AllowListOnly = ReadFlag(section, "AllowListOnly") ?? false,
        };

        // On App Service and Functions the app's own name reaches its own API from outside.
        if (configuration?["WEBSITE_HOSTNAME"] is { Length: > 0 } own)
        {
            policy.AddOwnHost(own.Split(':')[0]);
        }

        return policy;
    }

    /// <summary>Registers an address this server's API listens on, such as <c>http://127.0.0.1:5000</c>.</summary>
    public void AddOwnEndpoint(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _ownEndpoints[new IPEndPoint(Normalize(endpoint.Address), endpoint.Port)] = true;
    }

    /// <summary>Registers a listening URL (as Kestrel reports it); names such as localhost count as loopback.</summary>
    public void AddOwnUrl(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        // Kestrel reports wildcards as http://[::]:5000 or http://+:5000.
        var parsed = new Uri(url.Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal));
        if (IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var address))
        {
            AddOwnEndpoint(new IPEndPoint(address, parsed.Port));
        }
        else
        {
            AddOwnEndpoint(new IPEndPoint(IPAddress.Loopback, parsed.Port));
            AddOwnEndpoint(new IPEndPoint(IPAddress.IPv6Loopback, parsed.Port));
        }
    }

    public void AddOwnHost(string host) => _ownHosts[host.TrimEnd('.')] = true;

    /// <summary>Null when a connection to <paramref name="address"/> for <paramref name="host"/> is allowed, else why not.</summary>
    public string? Check(string host, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(address);
        address = Normalize(address);
        var target = $"{host} ({address}:{port})";
        if (Deny.FirstOrDefault(r => r.Matches(host, address)) is { } denied)
        {
            return $"{target} matches '{denied}' in {Section}:Deny";
        }

        if (Allow.Any(r => r.Matches(host, address)))
        {
            return null;
        }

        if (AllowListOnly)
        {
            return $"{target} is not in {Section}:Allow, and {Section}:AllowListOnly is true";
        }

        if (IsOwnApi(host, address, port))
        {
            return $"{target} is this server's own API; add it to {Section}:Allow to call it";
        }

        if (LinkLocalV4.Contains(address) || LinkLocalV6.Contains(address))
        {
            var what = address.Equals(IPAddress.Parse("169.254.169.254")) ? "the cloud metadata address" : "link-local";
            return $"{target} is {what}, denied by default; add it to {Section}:Allow to call it";
        }

        if (IsLoopback(address) && !AllowLoopback)
        {
            return $"{target} is loopback, and {Section}:AllowLoopback is false";
        }

        return null;
    }

    /// <summary>An IPv4 address written as IPv6 (<c>::ffff:127.0.0.1</c>) is checked as IPv4.</summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>Loopback, or an unspecified address (0.0.0.0, ::), which connects to this machine too.</summary>
    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address) || LoopbackV4.Contains(address) || ThisNetwork.Contains(address) || address.Equals(IPAddress.IPv6Any);

    private bool IsOwnApi(string host, IPAddress address, int port)
    {
        if (_ownHosts.ContainsKey(host.TrimEnd('.')))
        {
            return true;
        }

        foreach (var own in _ownEndpoints.Keys)
        {
            if (own.Port != port)
            {
                continue;
            }

            var wildcard = own.Address.Equals(IPAddress.Any) || own.Address.Equals(IPAddress.IPv6Any);
            if (own.Address.Equals(address)
                || (IsLoopback(address) && (wildcard || IPAddress.IsLoopback(own.Address)))
                || (wildcard && _localAddresses.Value.Contains(address)))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<IPAddress> ReadLocalAddresses()
    {
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => Normalize(a.Address))];
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    private static ImmutableArray<OutboundRule> ReadRules(IConfigurationSection? section, string name)
    {
        var list = section?.GetSection(name);
        if (list is null)
        {
            return [];
        }

        // A list (Deny:0, Deny:1) or one comma-separated value, as environment variables write it more easily.
        var texts = list.Value is { } single
            ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : list.GetChildren().Select(c => c.Value).OfType<string>();
        var rules = ImmutableArray.CreateBuilder<OutboundRule>();
        foreach (var text in texts)
        {
            if (!OutboundRule.TryParse(text, out var rule, out var error))
            {
                throw new InvalidOperationException($"{Section}:{name}: {error}");
            }

            rules.Add(rule);
        }

        return rules.ToImmutable();
    }

    private static bool? ReadFlag(IConfigurationSection? section, string name) =>
        section?[name] is not { } text ? null
        : bool.TryParse(text, out var flag) ? flag
        : throw new InvalidOperationException($"{Section}:{name}: '{text}' is not true or false");
}
