using System.Diagnostics;
using System.Globalization;

namespace Marsad.Store;

/// <summary>
/// One writer per archive folder, across processes. The holder keeps <c>marsad.lock</c> open with an
/// exclusive lock (flock on Unix, a share-none handle on Windows; the system releases it when the
/// process dies, even by <c>kill -9</c>) and writes its process id to <c>marsad.writer</c>, so a
/// second writer can say who holds the archive. Taken before anything in the folder is touched.
/// </summary>
public sealed class ArchiveLock : IDisposable
{
    public const string LockFile = "marsad.lock", OwnerFile = "marsad.writer";

    private readonly FileStream _stream;
    private readonly string _owner;

    private ArchiveLock(FileStream stream, string owner)
    {
        _stream = stream;
        _owner = owner;
    }

    /// <summary>Takes the lock now, or returns null (with the holder's process id when known).</summary>
    public static ArchiveLock? TryAcquire(string dataDir, out int? holder)
    {
        Directory.CreateDirectory(dataDir);
        string path = Path.Combine(dataDir, LockFile), owner = Path.Combine(dataDir, OwnerFile);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            holder = ReadOwner(owner);
            return null;
        }
        holder = null;
        try
        {
            File.WriteAllText(owner, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new ArchiveLock(stream, owner);
    }

    /// <summary>Takes the lock, waiting up to <paramref name="wait"/>; then <see cref="ArchiveInUseException"/>.</summary>
    public static ArchiveLock Acquire(string dataDir, TimeSpan wait, CancellationToken ct = default)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            if (TryAcquire(dataDir, out var holder) is { } held) return held;
            if (sw.Elapsed >= wait) throw new ArchiveInUseException(dataDir, holder);
            ct.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100));
            ct.ThrowIfCancellationRequested();
        }
    }

    private static int? ReadOwner(string owner)
    {
        try
        {
            return int.TryParse(File.ReadAllText(owner).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    public void Dispose()
    {
        try { File.Delete(_owner); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Debug.WriteLine(e); }
        _stream.Dispose();
    }
}

/// <summary>Another process writes to the archive (an ingest, a server storing a POST).</summary>
public sealed class ArchiveInUseException(string dataDir, int? processId)
    : IOException(processId is { } pid
        ? $"{dataDir}: archive in use by process {pid}; wait until it has finished (or stop it), then run this again"
        : $"{dataDir}: archive in use by another process; wait until it has finished, then run this again")
{
    public int? ProcessId { get; } = processId;
}

/// <summary>A damaged archive: the message names the part and what to run.</summary>
public sealed class ArchiveDamagedException(string message, Exception? inner = null) : IOException(message, inner);
