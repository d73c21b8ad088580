using System.Net;
using DurableDags.Engine.Operators.Http.Outbound;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Engine.Tests.Operators.Http.Outbound;

public sealed class OutboundPolicyTests
{
    [Theory]
    [InlineData("169.254.169.254", "the cloud metadata address")]
    [InlineData("169.254.10.1", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("::ffff:169.254.169.254", "the cloud metadata address")]
    public void Link_local_addresses_are_denied_by_default_naming_the_setting_to_allow_them(string address, string what)
    {
        var reason = OutboundPolicy.Default.Check("host.example", IPAddress.Parse(address), 80);

        Assert.NotNull(reason);
        Assert.Contains(what, reason, StringComparison.Ordinal);
        Assert.Contains("DurableDags:Outbound:Allow", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("20.50.2.1")]
    [InlineData("::1")]
    public void Loopback_and_other_addresses_are_allowed_by_default(string address) =>
        Assert.Null(OutboundPolicy.Default.Check("host", IPAddress.Parse(address), 443));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    [InlineData("0.0.0.0")]
    [InlineData("::ffff:127.0.0.1")]
    public void The_servers_own_api_is_denied_on_every_loopback_form(string address)
    {
        var policy = OutboundPolicy.Default;
        policy.AddOwnUrl("http://127.0.0.1:5080");

        Assert.Contains("own API", policy.Check("x", IPAddress.Parse(address), 5080), StringComparison.Ordinal);
        Assert.Null(policy.Check("x", IPAddress.Parse(address), 5081));
    }

    [Fact]
    public void A_wildcard_listener_denies_its_port_on_loopback_and_a_host_name_listener_on_both_loopbacks()
    {
        var policy = OutboundPolicy.Default;
        policy.AddOwnUrl("http://[::]:7000");
        policy.AddOwnUrl("http://localhost:7001");

        Assert.NotNull(policy.Check("x", IPAddress.Loopback, 7000));
        Assert.NotNull(policy.Check("x", IPAddress.IPv6Loopback, 7001));
        Assert.NotNull(policy.Check("x", IPAddress.Parse("127.0.0.1"), 7001));
    }

    [Fact]
    public void The_app_service_host_name_is_its_own_api()
    {
        var policy = OutboundPolicy.FromConfiguration(Config(("WEBSITE_HOSTNAME", "dags-prod.azurewebsites.net")));

        Assert.Contains("own API", policy.Check("dags-prod.azurewebsites.net", IPAddress.Parse("20.1.1.1"), 443), StringComparison.Ordinal);
    }

    [Fact]
    public void Deny_wins_over_allow_and_allow_overrides_the_defaults()
    {
        var policy = OutboundPolicy.FromConfiguration(Config(
            ("DurableDags:Outbound:Deny:0", "10.0.0.0/8"),
            ("DurableDags:Outbound:Deny:1", "*.internal.example"),
            ("DurableDags:Outbound:Allow:0", "10.0.0.5"),
            ("DurableDags:Outbound:Allow:1", "169.254.169.254")));

        Assert.Contains("'10.0.0.0/8' in DurableDags:Outbound:Deny", policy.Check("a", IPAddress.Parse("10.0.0.5"), 80), StringComparison.Ordinal);
        Assert.Contains("'*.internal.example'", policy.Check("db.internal.example", IPAddress.Parse("20.1.1.1"), 80), StringComparison.Ordinal);
        Assert.Null(policy.Check("internal.example.org", IPAddress.Parse("20.1.1.1"), 80));
        Assert.Null(policy.Check("metadata", IPAddress.Parse("169.254.169.254"), 80));
    }

    [Fact]
    public void Allow_list_only_and_no_loopback_are_settings_and_lists_may_be_comma_separated()
    {
        var policy = OutboundPolicy.FromConfiguration(Config(
            ("DurableDags:Outbound:Allow", "api.example.com, 20.0.0.0/8"),
            ("DurableDags:Outbound:AllowListOnly", "true"),
            ("DurableDags:Outbound:AllowLoopback", "false")));

        Assert.Null(policy.Check("api.example.com", IPAddress.Parse("52.1.1.1"), 443));
        Assert.Null(policy.Check("other.example.com", IPAddress.Parse("20.9.9.9"), 443));
        Assert.Contains("AllowListOnly is true", policy.Check("other.example.com", IPAddress.Parse("52.1.1.1"), 443), StringComparison.Ordinal);
        var loopbackOnly = OutboundPolicy.FromConfiguration(Config(("DurableDags:Outbound:AllowLoopback", "false")));
        Assert.Contains("AllowLoopback is false", loopbackOnly.Check("localhost", IPAddress.Loopback, 80), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DurableDags:Outbound:Deny:0", "10.0.0.0/99", "DurableDags:Outbound:Deny")]
    [InlineData("DurableDags:Outbound:Allow", "not a host!", "DurableDags:Outbound:Allow")]
    [InlineData("DurableDags:Outbound:AllowLoopback", "maybe", "DurableDags:Outbound:AllowLoopback")]
    public void A_bad_setting_is_an_error_naming_it(string key, string value, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => OutboundPolicy.FromConfiguration(Config((key, value))));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
