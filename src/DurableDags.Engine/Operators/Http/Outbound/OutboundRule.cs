using System.Net;

namespace DurableDags.Engine.Operators.Http.Outbound;

/// <summary>
/// One entry of an outbound allow or deny list: a network (<c>10.0.0.0/8</c>, <c>fd00::/8</c>),
/// one address (<c>169.254.169.254</c>), a host name (<c>api.example.com</c>) or every name under
/// a domain (<c>*.example.com</c>). Names match the host a URL names; networks match the
/// addresses it resolved to, so a name cannot hide a denied address.
/// </summary>
public sealed class OutboundRule
{
    private readonly IPNetwork? _network;
    private readonly string? _host;
    private readonly bool _subdomains;

    private OutboundRule(string text, IPNetwork? network, string? host, bool subdomains)
    {
        Text = text;
        _network = network;
        _host = host;
        _subdomains = subdomains;
    }

    /// <summary>The entry as configured, for error messages.</summary>
    public string Text { get; }

    public static bool TryParse(string text, out OutboundRule rule, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        rule = null!;
        error = "";
        var trimmed = text.Trim();
        if (IPNetwork.TryParse(trimmed, out var network))
        {
            rule = new OutboundRule(trimmed, network, null, false);
            return true;
        }

        if (IPAddress.TryParse(trimmed, out var address))
        {
            address = OutboundPolicy.Normalize(address);
            rule = new OutboundRule(trimmed, new IPNetwork(address, address.GetAddressBytes().Length * 8), null, false);
            return true;
        }

        var subdomains = trimmed.StartsWith("*.", StringComparison.Ordinal);
        var host = subdomains ? trimmed[2..] : trimmed;
        if (Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            error = $"'{text}' is not a network (10.0.0.0/8), an address, a host name or *.domain";
            return false;
        }

        rule = new OutboundRule(trimmed, null, host.TrimEnd('.'), subdomains);
        return true;
    }

    public bool Matches(string host, IPAddress address)
    {
        if (_network is { } network)
        {
            return network.Contains(address);
        }

        var name = host.TrimEnd('.');
        return _subdomains
            ? name.EndsWith("." + _host, StringComparison.OrdinalIgnoreCase)
            : name.Equals(_host, StringComparison.OrdinalIgnoreCase);
    }

    public override string ToString() => Text;
}
