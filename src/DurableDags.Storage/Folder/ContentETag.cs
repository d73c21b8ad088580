using System.IO.Hashing;

namespace DurableDags.Storage.Folder;

/// <summary>
/// A folder object's ETag is a hash of its bytes. Compared under the key's lock, equal bytes mean
/// the caller read exactly what is there now, so a conditional write that passes cannot lose an
/// update even if the content went A, B, A in between: the key holds nothing else than bytes.
/// Nothing has to be stored beside the file, and a file edited by hand gets a fresh ETag.
/// </summary>
internal static class ContentETag
{
    public static string Of(ReadOnlySpan<byte> content) => $"\"{XxHash128.HashToUInt128(content):x32}\"";
}
