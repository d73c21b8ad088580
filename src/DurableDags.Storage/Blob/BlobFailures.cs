using System.Net.Sockets;
using Azure;

namespace DurableDags.Storage.Blob;

/// <summary>
/// Which failures of the Blob SDK mean "the service cannot be reached" rather than an answer
/// about the object: no connection (status 0), a timeout, a server error or throttling after the
/// client's retries, or the SDK's "Retry failed after N tries" bundle of those.
/// </summary>
internal static class BlobFailures
{
    public static bool IsUnavailable(Exception e, CancellationToken cancellationToken) => e switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(inner => IsUnavailable(inner, cancellationToken)),
        // The SDK's network timeout surfaces as a cancellation the caller never asked for.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        HttpRequestException or SocketException or IOException => true,
        _ => false,
    };

    /// <summary>The innermost message, without the SDK's advice on retry settings.</summary>
    public static string Reason(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[^1] : e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner.Message.Split('\n')[0].Trim();
    }
}
