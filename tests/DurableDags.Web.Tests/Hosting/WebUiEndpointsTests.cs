using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DurableDags.Web.Assets;

namespace DurableDags.Web.Tests.Hosting;

public sealed class WebUiEndpointsTests : IAsyncLifetime
{
    private UiServer server = null!;

    private HttpClient Client => server.Client;

    public async Task InitializeAsync() => server = await UiServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_root_is_the_index_page_with_a_policy_that_allows_this_origin_only()
    {
        using var response = await Client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(WebUiAssets.Embedded.Index.Content.ToArray(), await response.Content.ReadAsByteArrayAsync());
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Every_asset_is_served_at_its_path_with_its_content_type_and_bytes()
    {
        foreach (var asset in WebUiAssets.Embedded.All)
        {
            using var response = await Client.GetAsync(new Uri("/" + asset.Path, UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(asset.ContentType, response.Content.Headers.ContentType?.ToString());
            Assert.Equal(asset.Content.ToArray(), await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(asset.ETag, response.Headers.ETag?.ToString());
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task A_request_with_the_current_etag_gets_304_without_a_body()
    {
        var asset = Asset("assets/app.css");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/app.css");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"older\""));
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(asset.ETag));

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(asset.ETag, response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task A_request_with_an_etag_of_an_older_version_gets_the_asset()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/app.css");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"older\""));

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Asset("assets/app.css").Content.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_client_that_takes_gzip_gets_a_smaller_copy_that_unzips_to_the_asset()
    {
        var asset = Asset("assets/app.css");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assets/app.css");
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");

        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.True(body.Length < asset.Content.Length, $"gzip body {body.Length} bytes, asset {asset.Content.Length}");
        Assert.NotEqual(asset.ETag, response.Headers.ETag?.ToString());
        await using var unzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await unzip.CopyToAsync(plain);
        Assert.Equal(asset.Content.ToArray(), plain.ToArray());
    }

    [Theory]
    [InlineData("/dags/carrier-costs")]
    [InlineData("/dags/carrier-costs/runs/manual__2026-11-22T10:15:00.123Z_k3f9")]
    [InlineData("/dags/carrier-costs/runs/r1?node=cost")]
    [InlineData("/apiary")]
    public async Task A_deep_link_into_the_ui_gets_the_index_page(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WebUiAssets.Embedded.Index.Content.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/assets/js/missing.js", "There is no such file")]
    [InlineData("/api/dags", "There is no such route")]
    [InlineData("/api", "There is no such route")]
    [InlineData("/runtime/webhooks/durabletask/instances/x", "There is no such route")]
    public async Task A_missing_file_or_a_reserved_path_is_a_404_problem_never_the_index_page(string path, string title)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Head_answers_the_headers_of_get_without_a_body()
    {
        var asset = Asset("assets/js/main.js");
        using var request = new HttpRequestMessage(HttpMethod.Head, "/assets/js/main.js");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(asset.ContentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal(asset.Content.Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_handler_the_functions_app_calls_serves_the_same_assets_and_refuses_other_methods()
    {
        using var index = await Client.GetAsync(new Uri("/functions/", UriKind.Relative));
        using var script = await Client.GetAsync(new Uri("/functions/assets/js/main.js", UriKind.Relative));
        using var api = await Client.GetAsync(new Uri("/functions/api/dags/x", UriKind.Relative));
        using var post = await Client.PostAsync(new Uri("/functions/dags/x", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(WebUiAssets.Embedded.Index.Content.ToArray(), await index.Content.ReadAsByteArrayAsync());
        Assert.Equal(Asset("assets/js/main.js").Content.ToArray(), await script.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(["GET", "HEAD"], post.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    private static WebUiAsset Asset(string path) => WebUiAssets.Embedded.All.Single(a => a.Path == path);
}
