using DurableDags.Api.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Api.Tests.Security;

public class ApiKeyRolesSourceTests
{
    [Fact]
    public void Keys_and_roles_are_read_from_configuration_as_a_list_or_comma_separated()
    {
        var source = ApiKeyRolesSource.FromConfiguration(Config(
            ("DurableDags:ApiKeys:ci:Key", "k1"), ("DurableDags:ApiKeys:ci:Roles", "Dags.Read, Dags.Trigger"),
            ("DurableDags:ApiKeys:ops:Key", "k2"), ("DurableDags:ApiKeys:ops:Roles:0", "Dags.Admin")));

        Assert.False(source.IsOpen);
        Assert.Equal(ApiRoles.Read | ApiRoles.Trigger, source.Identify(WithKey("k1")).Roles);
        Assert.Equal(ApiRoles.All, source.Identify(WithKey("k2")).Roles);
        Assert.Equal(CallerKind.Unknown, source.Identify(WithKey("k3")).Kind);
    }

    [Fact]
    public void A_role_that_does_not_exist_stops_the_start_naming_the_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ApiKeyRolesSource.FromConfiguration(Config(
            ("DurableDags:ApiKeys:ci:Key", "k1"), ("DurableDags:ApiKeys:ci:Roles", "Dags.Reader"))));

        Assert.Contains("DurableDags:ApiKeys:ci:Roles names 'Dags.Reader'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_key_stops_the_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ApiKeyRolesSource.FromConfiguration(Config(
            ("DurableDags:ApiKeys:ci:Key", ""), ("DurableDags:ApiKeys:ci:Roles", "Dags.Read"))));

        Assert.Contains("DurableDags:ApiKeys:ci:Key is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_no_keys_every_caller_holds_every_role()
    {
        var source = ApiKeyRolesSource.FromConfiguration(Config());

        Assert.True(source.IsOpen);
        Assert.True(source.Identify(new DefaultHttpContext().Request).Holds(ApiRoles.Admin));
    }

    private static HttpRequest WithKey(string key)
    {
        var request = new DefaultHttpContext().Request;
        request.Headers[ApiKeyRolesSource.HeaderName] = key;
        return request;
    }

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
