using System.Collections.Frozen;
using System.Reflection;

namespace DurableDags.Web.Assets;

/// <summary>
/// The UI's files, read once from the resources embedded in this assembly, and the rule that maps
/// a request path to one of them: <c>/</c> and any path that is neither reserved (the API's, the
/// Functions host's) nor under <c>assets/</c> get <c>index.html</c>, so that deep links into the
/// UI's own routes work.
/// </summary>
public sealed class WebUiAssets
{
    public const string IndexPath = "index.html";

    private const string ResourcePrefix = "webui/";
    private const string AssetsFolder = "assets/";

    private static readonly string[] ReservedPrefixes = ["api", "admin", "runtime"];

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

    /// <summary>
    /// True for paths the UI must never answer with its index page: <c>api</c> (the HTTP API) and,
    /// on Azure Functions, <c>admin</c> and <c>runtime</c> (the host's own routes, which a catch-all
    /// function route would otherwise shadow).
    /// </summary>
    public static bool IsReservedPath(string? path)
    {
        var trimmed = Normalize(path);
        foreach (var prefix in ReservedPrefixes)
        {
            if (trimmed.Equals(prefix, StringComparison.OrdinalIgnoreCase)
                || (trimmed.Length > prefix.Length && trimmed[prefix.Length] == '/' && trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The asset to serve for <paramref name="path"/> (with or without a leading slash), or null
    /// for a reserved path (<see cref="IsReservedPath"/>) or a file under <c>assets/</c> that does
    /// not exist: a missing script must be a 404, not the index page parsed as JavaScript.
    /// </summary>
    public WebUiAsset? Resolve(string? path)
    {
        var trimmed = Normalize(path);
        if (IsReservedPath(trimmed))
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
