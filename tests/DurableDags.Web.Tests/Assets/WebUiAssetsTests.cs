using System.Text;
using System.Text.RegularExpressions;
using DurableDags.Web.Assets;

namespace DurableDags.Web.Tests.Assets;

public sealed partial class WebUiAssetsTests
{
    /// <summary>
    /// XML namespace names look like URLs but are never fetched; an SVG element needs this one.
    /// Any other http(s) URL in an asset would be a request to another host.
    /// </summary>
    private static readonly HashSet<string> NamespaceNames = ["http://www.w3.org/2000/svg"];

    private static WebUiAssets Assets => WebUiAssets.Embedded;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("index.html")]
    [InlineData("dags/carrier-costs")]
    [InlineData("/dags/carrier-costs/runs/manual__2026-11-22T10:15:00.123Z_k3f9")]
    [InlineData("apiary")]
    [InlineData("administration/x")]
    public void The_root_and_the_uis_own_routes_resolve_to_the_index_page(string? path)
    {
        Assert.Same(Assets.Index, Assets.Resolve(path));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("/api/dags")]
    [InlineData("API/dags")]
    [InlineData("admin/host/status")]
    [InlineData("runtime/webhooks/durabletask/instances/x")]
    [InlineData("assets/js/missing.js")]
    [InlineData("assets/App.css")]
    public void Reserved_paths_and_missing_files_under_assets_resolve_to_nothing(string path)
    {
        Assert.Null(Assets.Resolve(path));
    }

    [Fact]
    public void Every_file_under_wwwroot_is_embedded_under_its_relative_path()
    {
        var root = Path.Combine(RepoRoot(), "src", "DurableDags.Web", "wwwroot");
        var onDisk = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, Assets.All.Select(a => a.Path).Order(StringComparer.Ordinal));
        Assert.All(Assets.All, a => Assert.Same(a, Assets.Resolve(a.Path)));
    }

    [Fact]
    public void No_asset_refers_to_another_host()
    {
        var found = new List<string>();
        foreach (var asset in Assets.All)
        {
            var text = Encoding.UTF8.GetString(asset.Content.Span);
            found.AddRange(AbsoluteUrl().Matches(text).Select(m => m.Value).Where(url => !NamespaceNames.Contains(url)).Select(url => $"{asset.Path}: {url}"));
            found.AddRange(ProtocolRelativeUrl().Matches(text).Select(m => $"{asset.Path}: {m.Value}"));
        }

        Assert.True(found.Count == 0, "Assets refer to other hosts:\n" + string.Join('\n', found));
    }

    [Fact]
    public void Every_path_the_index_page_and_the_scripts_load_is_an_embedded_asset()
    {
        var missing = new List<string>();
        var index = Encoding.UTF8.GetString(Assets.Index.Content.Span);
        foreach (var path in IndexReference().Matches(index).Select(m => m.Groups["path"].Value))
        {
            if (Assets.Resolve(path) is not { } asset || asset == Assets.Index)
            {
                missing.Add($"index.html: {path}");
            }
        }

        foreach (var script in Assets.All.Where(a => a.Path.EndsWith(".js", StringComparison.Ordinal)))
        {
            var folder = script.Path[..(script.Path.LastIndexOf('/') + 1)];
            foreach (var target in ImportReference().Matches(Encoding.UTF8.GetString(script.Content.Span)).Select(m => m.Groups["path"].Value))
            {
                var resolved = new Uri(new Uri("http://ui/" + folder), target).AbsolutePath.TrimStart('/');
                if (Assets.Resolve(resolved) is not { } asset || asset == Assets.Index)
                {
                    missing.Add($"{script.Path}: {target}");
                }
            }
        }

        Assert.True(missing.Count == 0, "References to files that are not embedded:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Text_assets_are_served_gzipped_and_their_etags_differ_by_content()
    {
        Assert.All(Assets.All.Where(a => a.Content.Length > 2048), a => Assert.NotNull(a.GzipContent));
        Assert.Equal(Assets.All.Count, Assets.All.Select(a => a.ETag).Distinct().Count());
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with Directory.Build.props) is not above the test's folder.");
    }

    [GeneratedRegex(@"https?://[^\s""'`<>)\\]+", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex(@"(?:src|href|action)\s*=\s*[""']//|url\(\s*[""']?//|import\s*\(?\s*[""']//", RegexOptions.IgnoreCase)]
    private static partial Regex ProtocolRelativeUrl();

    [GeneratedRegex(@"(?:src|href)=""(?<path>/assets/[^""#]*)""")]
    private static partial Regex IndexReference();

    [GeneratedRegex(@"(?:from\s+|import\s*\(\s*)'(?<path>\.{1,2}/[^']+)'")]
    private static partial Regex ImportReference();
}
