using System.IO.Hashing;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace DurableDags.Storage.Folder;

/// <summary>
/// Mutual exclusion for writes to one key, across threads and processes. A key hashes to one of a
/// fixed set of lock files; holding the lock is holding that file open with
/// <see cref="FileShare.None"/>, which .NET turns into an exclusive <c>flock</c> on Unix and a share
/// lock on Windows. The operating system drops the lock when a process dies, so a crash never
/// leaves a key locked.
/// </summary>
/// <remarks>
/// Lock files are never deleted: deleting one while another process has it open would let two
/// writers hold "the" lock on different inodes. A fixed set of stripes keeps their number bounded.
/// Within a process a semaphore per stripe queues writers, so only other processes are polled.
/// Setting DOTNET_SYSTEM_IO_DISABLEFILELOCKING turns .NET's file locking, and so this lock, off.
/// </remarks>
internal sealed class StripedFileLock
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    private readonly SemaphoreSlim[] _stripes;

    public StripedFileLock(string directory, int stripes)
    {
        _directory = directory;
        _stripes = [.. Enumerable.Range(0, stripes).Select(_ => new SemaphoreSlim(1, 1))];
        Directory.CreateDirectory(directory);
    }

    public async ValueTask<Holder> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var stripe = (int)(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(key)) % (ulong)_stripes.Length);
        var local = _stripes[stripe];
        await local.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var handle = await OpenExclusiveAsync(Path.Combine(_directory, $"{stripe:D2}.lock"), cancellationToken).ConfigureAwait(false);
            return new Holder(handle, local);
        }
        catch
        {
            local.Release();
            throw;
        }
    }

    private static async ValueTask<SafeFileHandle> OpenExclusiveAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        for (var tries = 0; ; tries++)
        {
            try
            {
                return File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                // Another process holds the stripe; the error differs per OS, so any I/O error is
                // retried until the deadline, and the last one is reported.
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Could not lock '{path}' within {Patience.TotalSeconds} s; another process holds it.", e);
                }
            }

            if (tries < 10)
            {
                await Task.Yield();
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal readonly struct Holder(SafeFileHandle handle, SemaphoreSlim local) : IDisposable
    {
        public void Dispose()
        {
            handle.Dispose();
            local.Release();
        }
    }
}
