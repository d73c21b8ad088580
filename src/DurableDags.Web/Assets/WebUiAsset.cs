using System.IO.Compression;
using System.Security.Cryptography;

namespace DurableDags.Web.Assets;

/// <summary>
/// One file of the UI as it is served: its bytes, a gzip copy when that is smaller, its content
/// type and a strong ETag per representation.
/// </summary>
public sealed class WebUiAsset
{
    /// <summary>
    /// Every asset is revalidated on each use: the files have no content hash in their names (there
    /// is no build step to add one), so a cached copy must never outlive a new version of the host.
    /// A revalidation costs one 304.
    /// </summary>
    public const string CacheControl = "no-cache";

    internal WebUiAsset(string path, string contentType, byte[] content)
    {
        Path = path;
        ContentType = contentType;
        Content = content;
        var hash = Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12));
        ETag = $"\"{hash}\"";
        if (ContentTypes.IsText(contentType))
        {
            var gzip = Compress(content);
            if (gzip.Length < content.Length * 9 / 10)
            {
                GzipContent = gzip;
                GzipETag = $"\"{hash}-gz\"";
            }
        }
    }

    /// <summary>The path the asset is served at, relative to the site root (<c>assets/app.css</c>).</summary>
    public string Path { get; }

    public string ContentType { get; }

    public ReadOnlyMemory<byte> Content { get; }

    public string ETag { get; }

    /// <summary>The gzip representation, or null when compressing would not pay.</summary>
    public ReadOnlyMemory<byte>? GzipContent { get; }

    public string? GzipETag { get; }

    public bool IsHtml => ContentType.StartsWith("text/html", StringComparison.Ordinal);

    private static byte[] Compress(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }
}
