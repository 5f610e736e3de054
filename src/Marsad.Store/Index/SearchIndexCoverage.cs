using System.Diagnostics;
using Lucene.Net.Index;

namespace Marsad.Store.Index;

// Whether the open reader holds what SQLite holds. SQLite is committed first, the index right after, and
// another process's commit reaches this reader only when it reopens: a search in between would answer
// (and the server would cache, under the archive's new stamp) from an index without the new documents.
internal sealed partial class SearchIndex
{
    // The newest seq the current reader is known to hold, and the newest one already waited for in vain.
    private long _coveredSeq = -1, _waitedSeq = -1;

    /// <summary>
    /// Makes the reader hold the archive's newest document (<paramref name="lastSeq"/>, <paramref name="newestId"/>):
    /// nothing to do when that seq was seen before; otherwise one term look-up of its id, and while it is missing
    /// the reader is reopened until it appears or <paramref name="wait"/> has passed (a seq waited for once is not
    /// waited for again). False when the index still lacks it: the answer then misses the newest documents.
    /// </summary>
    public bool EnsureCovers(long lastSeq, string? newestId, TimeSpan wait)
    {
        if (newestId is null || lastSeq <= Volatile.Read(ref _coveredSeq)) return true;
        var searchers = Searchers;
        var started = Stopwatch.StartNew();
        bool waitNow = lastSeq > Volatile.Read(ref _waitedSeq);
        for (int attempt = 0; ; attempt++)
        {
            if (Holds(searchers, newestId))
            {
                RaiseTo(ref _coveredSeq, lastSeq);
                return true;
            }
            if (attempt > 0 && (!waitNow || started.Elapsed >= wait))
            {
                RaiseTo(ref _waitedSeq, lastSeq);
                return false;
            }
            if (attempt > 0) Thread.Sleep(20);
            try { searchers.MaybeRefreshBlocking(); }
            catch (IOException e) { Debug.WriteLine(e); } // a commit being written: try again
        }
    }

    private static bool Holds(Lucene.Net.Search.SearcherManager searchers, string id)
    {
        var s = searchers.Acquire();
        try { return s.IndexReader.DocFreq(new Term(IdField, id)) > 0; }
        finally { searchers.Release(s); }
    }

    private static void RaiseTo(ref long field, long value)
    {
        long seen;
        while ((seen = Volatile.Read(ref field)) < value && Interlocked.CompareExchange(ref field, value, seen) != seen) { }
    }
}
