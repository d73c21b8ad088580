using DurableDags.Api.Hosting;
using Microsoft.Extensions.Configuration;

namespace DurableDags.Api.Tests.Hosting;

public class BlobStoreSettingsTests
{
    [Fact]
    public void An_account_url_is_reached_with_the_named_managed_identity_in_the_named_container()
    {
        var options = BlobStoreSettings.Read(Settings(
            ("AccountUrl", "https://acct.blob.core.windows.net/"), ("ClientId", "1111-2222"), ("Container", "dags-prod")));

        Assert.Equal(new Uri("https://acct.blob.core.windows.net/"), options.AccountUrl);
        Assert.Null(options.ConnectionString);
        Assert.Equal(("1111-2222", "dags-prod"), (options.ManagedIdentityClientId, options.ContainerName));
    }

    [Fact]
    public void A_connection_string_is_used_as_given_in_the_default_container()
    {
        var options = BlobStoreSettings.Read(Settings(("ConnectionString", "UseDevelopmentStorage=true"), ("AccountUrl", " ")));

        Assert.Equal(("UseDevelopmentStorage=true", "durabledags"), (options.ConnectionString, options.ContainerName));
        Assert.Null(options.AccountUrl);
    }

    [Theory]
    [InlineData(null, null, "No Blob store is configured: set DurableDags:Storage:AccountUrl")]
    [InlineData("https://acct.blob.core.windows.net", "UseDevelopmentStorage=true", "are both set; set only one")]
    [InlineData("http://acct.blob.core.windows.net", null, "must be an https:// URL such as https://account.blob.core.windows.net; it is 'http://acct.blob.core.windows.net'")]
    [InlineData("acct", null, "must be an https:// URL")]
    public void Settings_that_name_no_single_https_store_are_refused_with_the_setting_to_fix(string? url, string? connection, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => BlobStoreSettings.Read(Settings(("AccountUrl", url), ("ConnectionString", connection))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create($"{BlobStoreSettings.Section}:{v.Key}", v.Value)))
            .Build();
}
