using DurableDags.Web.Assets;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DurableDags.Web.Hosting;

/// <summary>
/// Writes one asset: gzip when the client takes it, 304 when the client's copy is current, headers
/// only for HEAD. The page itself carries a content security policy that allows this origin only,
/// so the browser enforces the offline promise too.
/// </summary>
internal sealed class AssetResult(WebUiAsset asset) : IResult
{
    /// <summary>
    /// Scripts, styles, images and API calls from this origin only, and no inline script or style:
    /// the UI has none, so any would be an injection.
    /// </summary>
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var request = httpContext.Request;
        var response = httpContext.Response;
        var gzip = asset.GzipContent is not null && AcceptsGzip(request);
        var body = gzip ? asset.GzipContent!.Value : asset.Content;
        var etag = gzip ? asset.GzipETag! : asset.ETag;

        var headers = response.Headers;
        headers.ETag = etag;
        headers.CacheControl = WebUiAsset.CacheControl;
        headers.XContentTypeOptions = "nosniff";
        if (asset.GzipContent is not null)
        {
            headers.Vary = HeaderNames.AcceptEncoding;
        }

        if (asset.IsHtml)
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
        }

        if (Matches(request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = body.Length;
        if (gzip)
        {
            headers.ContentEncoding = "gzip";
        }

        return HttpMethods.IsHead(request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e =>
            (e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || e.Value.Equals("*", StringComparison.Ordinal))
            && (e.Quality is null || e.Quality > 0));

    /// <summary>If-None-Match uses the weak comparison (RFC 9110 13.1.2), so W/"x" matches "x".</summary>
    private static bool Matches(HttpRequest request, string etag)
    {
        var current = new EntityTagHeaderValue(etag);
        return request.GetTypedHeaders().IfNoneMatch.Any(tag =>
            tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }
}
