namespace Marsad.Store.Events;

/// <summary>
/// Keeps the stored merged events current for readers. Ingest stores the merge, so this is normally a
/// check; an archive made by an older version (or asked with another window) is merged once, in the
/// background: the caller waits at most <see cref="MergeWait"/>, then gets <see cref="EventsPendingException"/>
/// (a 503 with Retry-After in the API) until the merge is stored. The merge writes the database, so it
/// takes the archive's write lock like any writer; a writer holding it (an ingest in another process)
/// stores the merge itself, and the merge here gives up this round when the lock stays taken.
/// </summary>
public sealed class EventMergeGate
{
    private readonly EventStore _events;
    private readonly string _dataDir;
    private readonly Func<long> _documents;
    private readonly Lock _lock = new();
    private Task? _merging;

    internal EventMergeGate(EventStore events, string dataDir, Func<long> documents, StoreOpenOptions options)
    {
        _events = events;
        _dataDir = dataDir;
        _documents = documents;
        MergeWait = options.MergeWait;
        MergeLockWait = options.MergeLockWait;
    }

    /// <summary>How long a read waits for a merge before <see cref="EventsPendingException"/> (infinite: until it is done).</summary>
    public TimeSpan MergeWait { get; set; }

    /// <summary>How long the merge waits for the archive's write lock.</summary>
    public TimeSpan MergeLockWait { get; set; }

    /// <summary>Tests: holds the background merge until set, so a pending read can be seen without a race.</summary>
    public ManualResetEventSlim? Hold { get; set; }

    /// <summary>Returns once the stored merge of <paramref name="windowDays"/> is current; else starts it and waits (see the class).</summary>
    public void EnsureCurrent(int windowDays)
    {
        if (_events.IsCurrent(windowDays)) return;
        Task task;
        lock (_lock)
            task = _merging ??= Task.Run(() =>
            {
                try
                {
                    Hold?.Wait();
                    using var held = ArchiveLock.Acquire(_dataDir, MergeLockWait);
                    if (!_events.IsCurrent(windowDays)) _events.Build(windowDays);
                }
                catch (ArchiveInUseException) { }
                finally { lock (_lock) _merging = null; }
            });
        if (!task.Wait(MergeWait)) throw new EventsPendingException(_documents());
        task.GetAwaiter().GetResult();
        if (!_events.IsCurrent(windowDays)) throw new EventsPendingException(_documents());
    }
}
