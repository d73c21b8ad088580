using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DurableDags.Engine.Operators.Http;

namespace DurableDags.Engine.Operators.Sensors;

/// <summary><see cref="IBlobProbe"/> over an Azure Blob Storage account (or Azurite).</summary>
public sealed class BlobServiceProbe(BlobServiceClient service) : IBlobProbe
{
    public async Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var blob = service.GetBlobContainerClient(container).GetBlobClient(name);
            var exists = await blob.ExistsAsync(cancellationToken).ConfigureAwait(false);
            return exists.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
        catch (RequestFailedException e)
        {
            throw Failure($"checking blob '{container}/{name}'", e);
        }
    }

    public async Task<bool> AnyAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        try
        {
            var blobs = service.GetBlobContainerClient(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken);
            await foreach (var page in blobs.AsPages(pageSizeHint: 1).ConfigureAwait(false))
            {
                if (page.Values.Count > 0)
                {
                    return true;
                }

                // A page may come back empty with a continuation token; only the last one says "none".
                if (string.IsNullOrEmpty(page.ContinuationToken))
                {
                    return false;
                }
            }

            return false;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
        catch (RequestFailedException e)
        {
            throw Failure($"listing blobs under '{container}/{prefix}'", e);
        }
    }

    private static OperatorFailureException Failure(string what, RequestFailedException e) =>
        new($"{what} failed with status {e.Status} ({e.ErrorCode})", e.Status == 0 || HttpExchange.IsRetryableStatus(e.Status), e);
}
