using DurableDags.Storage.Objects;

namespace DurableDags.Storage.Folder;

/// <summary>
/// Objects as files under a root folder, one file per key. Writes go to a temporary file in the
/// target's folder and are renamed over the target, so readers never see half a file and need no
/// lock; every write takes the key's <see cref="StripedFileLock"/> so that the check of a
/// condition and the rename are one step for every thread and process using the folder.
/// </summary>
/// <remarks>
/// The file calls are synchronous on purpose: files have no truly asynchronous I/O on Linux, and
/// .NET's async file API would only add a thread-pool hop to every small write. Writes are not
/// flushed to the disk: a killed process loses nothing, a power cut may lose the last writes.
/// </remarks>
public sealed class FolderObjectStore : IObjectStore
{
    /// <summary>Names holding '~' can never be keys, so lock and temporary files never show up in listings.</summary>
    private const char Reserved = '~';

    private readonly StripedFileLock _locks;

    public FolderObjectStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
        _locks = new StripedFileLock(Path.Combine(Root, $"{Reserved}locks"), stripes: 64);
    }

    public string Root { get; }

    public Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        return Task.FromResult(TryRead(path) is { } bytes ? new StoredObject(bytes, ContentETag.Of(bytes)) : null);
    }

    public async Task<WriteResult> TryCreateAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        using var held = await _locks.AcquireAsync(key, cancellationToken).ConfigureAwait(false);
        return File.Exists(path) ? WriteResult.Conflict : Write(key, path, content.Span, replace: false);
    }

    public async Task<WriteResult> PutAsync(string key, ReadOnlyMemory<byte> content, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        using var held = await _locks.AcquireAsync(key, cancellationToken).ConfigureAwait(false);
        return Matches(path, ifMatch) ? Write(key, path, content.Span, replace: true) : WriteResult.Conflict;
    }

    public async Task<bool> DeleteAsync(string key, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        using var held = await _locks.AcquireAsync(key, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(path) || !Matches(path, ifMatch))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    public Task<ObjectPage> ListAsync(string prefix, string? startAfter = null, int limit = ObjectPage.MaxLimit, CancellationToken cancellationToken = default)
    {
        ObjectKey.ValidatePrefix(prefix);
        ObjectPage.ValidateLimit(limit);

        // Only the folder that holds every match is walked: the prefix up to its last '/'.
        var folderPart = prefix[..(prefix.LastIndexOf('/') + 1)];
        var folder = Path.Combine(Root, folderPart);
        if (!Directory.Exists(folder))
        {
            return Task.FromResult(ObjectPage.Empty);
        }

        var walk = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None, IgnoreInaccessible = false };
        var keys = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", walk))
        {
            var key = folderPart + Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!key.Contains(Reserved, StringComparison.Ordinal)
                && key.StartsWith(prefix, StringComparison.Ordinal)
                && (startAfter is null || string.CompareOrdinal(key, startAfter) > 0))
            {
                keys.Add(key);
            }
        }

        keys.Sort(StringComparer.Ordinal);
        return Task.FromResult(ObjectPage.From(keys, limit));
    }

    private string PathOf(string key)
    {
        ObjectKey.Validate(key);
        return Path.Combine(Root, key);
    }

    private static byte[]? TryRead(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static bool Matches(string path, string? ifMatch) =>
        ifMatch is null || (TryRead(path) is { } current && ContentETag.Of(current) == ifMatch);

    /// <param name="replace">
    /// False for a create: the move then refuses an existing target, but on Unix by a check
    /// before a plain rename, not atomically, so only the lock keeps two creates of one key
    /// apart (two stores on one folder both won without it, see the tests).
    /// </param>
    private static WriteResult Write(string key, string path, ReadOnlySpan<byte> content, bool replace)
    {
        var temp = $"{path}{Reserved}{Guid.NewGuid():N}.tmp";
        try
        {
            WriteNew(temp, content);
            File.Move(temp, path, overwrite: replace);
        }
        catch (IOException e) when (e is not DirectoryNotFoundException && Directory.Exists(path))
        {
            File.Delete(temp);
            throw new IOException($"Storage key '{key}' is also a folder of other keys; a key cannot be both.", e);
        }
        catch (IOException) when (!replace && File.Exists(path))
        {
            File.Delete(temp);
            return WriteResult.Conflict;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return WriteResult.Written(ContentETag.Of(content));
    }

    private static void WriteNew(string temp, ReadOnlySpan<byte> content)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);
        }
        catch (IOException e) when (e is DirectoryNotFoundException or FileNotFoundException)
        {
            // Folders are made on first write to them, not checked on every write. A missing folder
            // reads as FileNotFoundException when another writer made it between our open and .NET's
            // look at the error; a file being created cannot be missing otherwise.
            Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
            stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);
        }

        using (stream)
        {
            stream.Write(content);
        }
    }
}
