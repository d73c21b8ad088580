using System.Collections.Frozen;
using System.Reflection;

namespace DurableDags.Web.Assets;

/// <summary>
/// The UI's files, read once from the resources embedded in this assembly, and the rule that maps
/// a request path to one of them: <c>/</c> and any path that is neither an API route nor under
/// <c>assets/</c> get <c>index.html</c>, so that deep links into the UI's own routes work.
/// </summary>
public sealed class WebUiAssets
{
    public const string IndexPath = "index.html";

    private const string ResourcePrefix = "webui/";
    private const string AssetsFolder = "assets/";

    private static readonly Lazy<WebUiAssets> EmbeddedAssets = new(() => Load(typeof(WebUiAssets).Assembly));

    private readonly FrozenDictionary<string, WebUiAsset> byPath;

    private WebUiAssets(IEnumerable<WebUiAsset> assets)
    {
        byPath = assets.ToFrozenDictionary(a => a.Path, StringComparer.Ordinal);
        Index = byPath.TryGetValue(IndexPath, out var index)
            ? index
            : throw new InvalidOperationException($"The web UI has no {IndexPath} among its embedded resources.");
    }

    /// <summary>The assets embedded in this assembly, loaded on first use.</summary>
    public static WebUiAssets Embedded => EmbeddedAssets.Value;

    public WebUiAsset Index { get; }

    public IReadOnlyCollection<WebUiAsset> All => byPath.Values;

    /// <summary>True for <c>api</c> and paths under <c>api/</c>: those belong to the HTTP API, never to the UI.</summary>
    public static bool IsApiPath(string? path)
    {
        var trimmed = Normalize(path);
        return trimmed.Equals("api", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("api/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The asset to serve for <paramref name="path"/> (with or without a leading slash), or null
    /// for an API path or a file under <c>assets/</c> that does not exist: a missing script must
    /// be a 404, not the index page parsed as JavaScript.
    /// </summary>
    public WebUiAsset? Resolve(string? path)
    {
        var trimmed = Normalize(path);
        if (IsApiPath(trimmed))
        {
            return null;
        }

        if (byPath.TryGetValue(trimmed, out var asset))
        {
            return asset;
        }

        return trimmed.StartsWith(AssetsFolder, StringComparison.Ordinal) ? null : Index;
    }

    internal static WebUiAssets Load(Assembly assembly)
    {
        var assets = new List<WebUiAsset>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            // RecursiveDir keeps the build machine's separator in the resource name.
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            if (!ContentTypes.TryGet(path, out var contentType))
            {
                throw new InvalidOperationException($"The web UI asset '{path}' has an extension with no known content type.");
            }

            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The resource '{name}' could not be opened.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            assets.Add(new WebUiAsset(path, contentType, copy.ToArray()));
        }

        return new WebUiAssets(assets);
    }

    private static string Normalize(string? path) => (path ?? string.Empty).TrimStart('/');
}
