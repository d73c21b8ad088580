using System.Collections.Frozen;

namespace DurableDags.Web.Assets;

/// <summary>
/// The content types of the file kinds the UI ships. A file of any other kind fails the assembly's
/// asset load, so an asset can never be served as something the browser would have to sniff.
/// </summary>
internal static class ContentTypes
{
    private static readonly FrozenDictionary<string, string> ByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",

        // A vendored library's LICENSE.txt and README.md ship next to it (assets/vendor/).
        [".txt"] = "text/plain; charset=utf-8",
        [".md"] = "text/markdown; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool TryGet(string path, out string contentType) =>
        ByExtension.TryGetValue(Path.GetExtension(path), out contentType!);

    /// <summary>Text kinds are worth compressing (all the UI ships today, SVG included).</summary>
    public static bool IsText(string contentType) =>
        contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.StartsWith("image/svg+xml", StringComparison.Ordinal);
}
