using System.Diagnostics;
using System.Threading.Channels;
using Marsad.Analysis;
using Marsad.Extraction;
using Marsad.Ingest;
using Marsad.Store.Duplicates;
using Marsad.Store.Index;
using Marsad.Store.Sql;

namespace Marsad.Store;

/// <summary>
/// The embedded archive in one data folder: SQLite (<c>marsad.db</c>, the source of truth) and a
/// Lucene.NET index (<c>index/</c>). All SQL and Lucene calls stay inside Marsad.Store.
/// <para>Use:</para>
/// <code>
/// using var archive = MarsadArchive.Open("./marsad-data");
/// var summary = archive.Ingest(ArticleSources.Read(["corpus.jsonl.gz"]));   // idempotent
/// var result  = archive.Search(new SearchRequest { Query = "التحالف", From = new(2018, 1, 1) });
/// var doc     = archive.GetDocument(result.Hits[0].Id);                     // text + metadata
/// var facts   = archive.GetAnalysis(result.Hits[0].Id);                     // marsad.analysis/1
/// </code>
/// <para>
/// Thread safety: <see cref="Search"/>, <see cref="GetDocument"/>, <see cref="GetAnalysis"/> and
/// <see cref="Count"/> may be called from many threads, also while an <see cref="Ingest"/> runs
/// (searches see each committed batch, also batches committed by another process: the searcher
/// reopens when the index changed). One writer per folder across processes (<see cref="ArchiveLock"/>):
/// an ingest takes the lock before it touches anything and releases it, with Lucene's writer, when it ends;
/// a second process gets <see cref="ArchiveInUseException"/> ("archive in use by process N").
/// </para>
/// <para>
/// Crash safety: each batch is committed to SQLite first, then to Lucene. A run killed at any
/// point leaves SQLite with whole documents only; on the next open (or ingest) the index is
/// reconciled with SQLite: documents missing from it are re-indexed, index entries without a
/// SQLite row are deleted. Ingesting the same input again stores only what is missing.
/// </para>
/// </summary>
public sealed class MarsadArchive : IDisposable
{
    public const string DefaultDataDir = "./marsad-data";

    private readonly ArchiveDatabase _db;
    internal ArchiveDatabase Database => _db;
    private readonly SearchIndex _index;
    private readonly object _ingestLock = new();
    private HashSet<string>? _ids;
    private (long LastSeq, long Count) _idsStamp;

    private MarsadArchive(string dataDir, ArchiveDatabase? db)
    {
        DataDir = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(DataDir);
        _db = db ?? OpenDatabase(DataDir);
        _index = new SearchIndex(Path.Combine(DataDir, "index"));
    }

    /// <summary>The folder's SQLite database, its schema brought up to date; damage and a newer schema are named.</summary>
    internal static ArchiveDatabase OpenDatabase(string dataDir) =>
        ArchiveHealth.Guard(dataDir, "marsad.db", () => new ArchiveDatabase(Path.Combine(dataDir, "marsad.db")));

    /// <summary>
    /// How long a search waits for the index to catch up with documents another process has just committed to
    /// SQLite (their index commit follows); past it the search answers without them (<see cref="SearchResults.IndexBehind"/>).
    /// </summary>
    public TimeSpan IndexCatchUpWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an ingest waits for another writer to finish before <see cref="ArchiveInUseException"/>.</summary>
    public TimeSpan LockWait { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Opens (creating if needed) the archive in <paramref name="dataDir"/> and, when no other process
    /// writes to it, repairs the index after a crash. A damaged part gives <see cref="ArchiveDamagedException"/>.
    /// </summary>
    public static MarsadArchive Open(string dataDir = DefaultDataDir) => OpenCore(dataDir, null, null);

    /// <summary>Opens the archive whose lock the caller holds already (repair).</summary>
    internal static MarsadArchive OpenLocked(string dataDir, ArchiveLock held) => OpenCore(dataDir, held, null);

    /// <summary>Opens the search side of an archive whose database is open already (<see cref="EmbeddedStore"/>): one database object per folder.</summary>
    internal static MarsadArchive Open(string dataDir, ArchiveDatabase db) => OpenCore(dataDir, null, db);

    private static MarsadArchive OpenCore(string dataDir, ArchiveLock? alreadyHeld, ArchiveDatabase? db)
    {
        var a = new MarsadArchive(dataDir, db);
        try
        {
            ArchiveHealth.Guard(a.DataDir, "index", () =>
            {
                int? holder = null;
                using var taken = alreadyHeld is null ? ArchiveLock.TryAcquire(a.DataDir, out holder) : null;
                if (alreadyHeld is not null || taken is not null)
                {
                    try
                    {
                        a._index.EnsureCreated();
                        a.ReconcileIfNeeded();
                    }
                    finally { a._index.ReleaseWriter(); }
                }
                else a.WaitForIndex(holder);
                return a._index.NumDocs;
            });
            return a;
        }
        catch
        {
            a.Dispose();
            throw;
        }
    }

    /// <summary>A new archive whose first writer is still creating the index: wait a little for its first commit.</summary>
    private void WaitForIndex(int? holder)
    {
        var sw = Stopwatch.StartNew();
        while (!_index.Exists)
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(10)) throw new ArchiveInUseException(DataDir, holder);
            Thread.Sleep(50);
        }
    }

    public string DataDir { get; }

    /// <summary>Documents stored.</summary>
    public long Count => _db.Count();

    /// <summary>Bytes on disk of the SQLite files and of the index.</summary>
    public (long Database, long Index) SizeOnDisk()
    {
        long db = 0;
        foreach (var f in Directory.EnumerateFiles(DataDir, "marsad.db*")) db += new FileInfo(f).Length;
        return (db, _index.SizeBytes());
    }

    /// <summary>The last repair: documents re-indexed and index entries removed (0, 0 when none was needed).</summary>
    public (int Reindexed, int Removed) LastReconcile { get; private set; }

    private bool _repairReported;

    // ------------------------------------------------------------------ reading

    public StoredDocument? GetDocument(string id) => _db.GetDocument(id);

    /// <summary>The stored <c>marsad.analysis/1</c> object of a document, or null.</summary>
    public AnalysisContract? GetAnalysis(string id) => _db.GetAnalysis(id);

    /// <summary>Every stored document in insertion order (for export and re-analysis).</summary>
    public IEnumerable<StoredDocument> EnumerateDocuments() => _db.EnumerateDocuments();

    /// <summary>Ids of the documents sharing a story cluster.</summary>
    public IReadOnlyList<string> GetCluster(string clusterId) => _db.GetCluster(clusterId);

    /// <summary>
    /// Full-text search with BM25, filters, highlighted snippets and facets. A query past the cost
    /// limits (<see cref="Index.QueryLimits"/>) or its time budget throws <see cref="Index.SearchRefusedException"/>;
    /// <paramref name="cancellationToken"/> stops it (a client that went away).
    /// </summary>
    /// <summary>Ids of every document matching the request's query and filters, in ordinal order, uncapped (<see cref="SearchIndex.MatchingIds(SearchRequest, CancellationToken)"/>).</summary>
    public IReadOnlyList<string> MatchingIds(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var newest = _db.Newest();
        _index.EnsureCovers(newest.LastSeq, newest.Id, IndexCatchUpWait);
        return _index.MatchingIds(request, cancellationToken);
    }

    public SearchResults Search(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sw = Stopwatch.StartNew();
        // Another process may have committed documents to SQLite whose index commit this reader has not seen yet.
        var newest = _db.Newest();
        bool covered = _index.EnsureCovers(newest.LastSeq, newest.Id, IndexCatchUpWait);
        var raw = _index.Search(request, cancellationToken);
        var hits = new List<SearchHit>(raw.Hits.Count);
        var snippets = _index.Snippets(raw.Query);
        using (var c = _db.Open())
        {
            var docs = ArchiveDatabase.GetHitDocuments(c, raw.Hits.Select(h => h.Id).ToList());
            foreach (var h in raw.Hits)
            {
                // The index may briefly hold documents whose SQLite batch is not committed: skip those.
                if (!docs.TryGetValue(h.Id, out var d)) continue;
                var snippet = _index.Snippet(snippets, d.Id, d.Text[d.BodyStart..], request);
                hits.Add(new SearchHit(d.Id, d.Title, snippet, d.Published, d.Source, d.Outlet, d.Category, d.Url, d.ClusterId, h.Score));
            }
        }
        static List<FacetCount> Top(Dictionary<string, int> counts, int limit) =>
            counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(limit).Select(kv => new FacetCount(kv.Key, kv.Value)).ToList();
        var months = raw.Facets.Length > 2
            ? raw.Facets[2].OrderByDescending(kv => kv.Key, StringComparer.Ordinal).Take(request.FacetLimit).Select(kv => new FacetCount(kv.Key, kv.Value)).ToList()
            : [];
        var facets = new SearchFacets(
            raw.Facets.Length > 0 ? Top(raw.Facets[0], request.FacetLimit) : [],
            months,
            raw.Facets.Length > 1 ? Top(raw.Facets[1], request.FacetLimit) : [],
            raw.Facets.Length > 3 ? Top(raw.Facets[3], request.FacetLimit) : []);
        return new SearchResults(request.Query, raw.Total, hits, facets, sw.Elapsed.TotalMilliseconds) { IndexBehind = !covered };
    }

    // ------------------------------------------------------------------ writing

    /// <summary>
    /// Stores the articles of <paramref name="items"/> (reader errors are counted as rejected):
    /// skips ids already stored before analysing, analyses on <see cref="IngestOptions.Workers"/>
    /// threads, stores and indexes in batches, and groups near-duplicates into story clusters.
    /// </summary>
    public IngestSummary Ingest(IEnumerable<IngestItem> items, IngestOptions? options = null, IProgress<IngestProgress>? progress = null,
        ReadProgress? readProgress = null, CancellationToken cancellationToken = default)
    {
        options ??= new IngestOptions();
        if (!Monitor.TryEnter(_ingestLock)) throw new InvalidOperationException("an ingest is already running on this archive");
        try
        {
            // The folder's write lock first, before Lucene or SQLite is written; released (with
            // Lucene's writer) when the run ends, so the next writer may be another process.
            using var held = ArchiveLock.Acquire(DataDir, options.LockWait ?? LockWait, cancellationToken);
            try { return RunIngest(items, options, progress, readProgress, cancellationToken); }
            finally { _index.ReleaseWriter(); }
        }
        finally { Monitor.Exit(_ingestLock); }
    }

    /// <summary>Analyses and stores articles given directly (e.g. by the HTTP API).</summary>
    public IngestSummary Ingest(IEnumerable<ArticleInput> articles, IngestOptions? options = null, CancellationToken cancellationToken = default) =>
        Ingest(articles.Select((a, i) => IngestItem.Ok(a, a.Source ?? $"article {i + 1}")), options, null, null, cancellationToken);

    private IngestSummary RunIngest(IEnumerable<IngestItem> items, IngestOptions options, IProgress<IngestProgress>? progress, ReadProgress? readProgress, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var pipeline = options.Pipeline ?? MarsadPipeline.Default;
        _index.EnsureCreated();
        ReconcileIfNeeded();
        _db.SetMeta("index_state", "dirty");
        _db.SetMeta("index_analyzer", AnalyzerFactory.Signature);
        // Another process may have stored documents since the ids were loaded: reload them then.
        var stamp = _db.Stamp();
        if (_ids is null || _idsStamp != stamp) { _ids = _db.LoadIds(); _idsStamp = stamp; }
        var known = _ids;
        var near = new NearDuplicateIndex();
        foreach (var (seq, id, sig, cluster) in _db.LoadMinHashes()) near.Add(new NearDuplicateIndex.Entry(seq, id, sig, cluster));

        long read = 0, stored = 0, textChars = 0, duplicates = 0, rejected = 0, nearDuplicates = 0;
        var rejectedList = new List<RejectedInput>();
        var clusters = new HashSet<string>(StringComparer.Ordinal);
        object rejectLock = new();
        void Reject(string origin, string reason)
        {
            lock (rejectLock)
            {
                rejected++;
                if (rejectedList.Count < options.MaxRejectedListed) rejectedList.Add(new RejectedInput(origin, reason));
            }
        }

        long tRead = 0, tAnalyse = 0, tIndex = 0, tStore = 0, tCommit = 0;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = cts.Token;
        // Each article sent to analysis gets its place in the input; the writer stores in that order
        // (a refused one comes back empty), so seqs, story clusters and merged events never depend
        // on which worker finished first.
        var toAnalyse = Channel.CreateBounded<(IngestItem Item, ArticleInput Article, long Order)>(new BoundedChannelOptions(options.QueueCapacity) { SingleWriter = true });
        var toStore = Channel.CreateBounded<(long Order, PreparedDocument? Document)>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true });

        // Producer: read, drop ids already stored (or seen in this run) before any analysis.
        var producer = Task.Run(async () =>
        {
            try
            {
                using var e = items.GetEnumerator();
                long order = 0;
                while (true)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    if (!e.MoveNext()) break;
                    var item = e.Current;
                    token.ThrowIfCancellationRequested();
                    Interlocked.Increment(ref read);
                    if (item.Article is not { } a)
                    {
                        Reject(item.Origin, item.Error?.Problem ?? "unreadable");
                        continue;
                    }
                    string id = StoreKeys.Document(a);
                    tRead += Stopwatch.GetTimestamp() - t0;
                    if (!known.Add(id)) { Interlocked.Increment(ref duplicates); continue; }
                    await toAnalyse.Writer.WriteAsync((item, a, order++), token);
                }
            }
            finally { toAnalyse.Writer.TryComplete(); }
        }, token);

        // Workers: analyse, serialise, fingerprint and index (Lucene analysis runs here, in parallel).
        var workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => Task.Run(async () =>
        {
            await foreach (var (item, article, order) in toAnalyse.Reader.ReadAllAsync(token))
            {
                PreparedDocument p;
                long t0 = Stopwatch.GetTimestamp();
                try { p = Prepare(pipeline, article, item.Origin, token); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Reject(item.Origin, $"analysis failed: {e.Message}");
                    await toStore.Writer.WriteAsync((order, null), token);
                    continue;
                }
                long t1 = Stopwatch.GetTimestamp();
                // Lucene refuses a document whose term passes 32,766 UTF-8 bytes (a "word" of 40k
                // letters): that document is refused, the run goes on (Lucene drops it, the writer stays usable).
                try { _index.Add(SearchIndex.BuildDocument(p)); }
                catch (ArgumentException e)
                {
                    Reject(item.Origin, e.Message.Contains("immense term", StringComparison.Ordinal)
                        ? "a word is longer than the index's limit of 32,766 UTF-8 bytes; the article was not stored"
                        : $"cannot be indexed: {e.Message.Split('\n')[0]}");
                    await toStore.Writer.WriteAsync((order, null), token);
                    continue;
                }
                long t2 = Stopwatch.GetTimestamp();
                Interlocked.Add(ref tAnalyse, t1 - t0);
                Interlocked.Add(ref tIndex, t2 - t1);
                await toStore.Writer.WriteAsync((order, p), token);
            }
        }, token)).ToArray();
        var workersDone = Task.WhenAll(workers).ContinueWith(t => toStore.Writer.TryComplete(t.Exception), TaskScheduler.Default);

        // Writer (this thread): one SQLite transaction per batch, then the Lucene commit.
        var lastReport = Stopwatch.StartNew();
        void Report()
        {
            progress?.Report(new IngestProgress(Interlocked.Read(ref read), stored, Interlocked.Read(ref duplicates), rejected,
                readProgress?.BytesDone ?? 0, readProgress?.BytesTotal ?? 0));
        }
        using (var w = new ArchiveDatabase.Writer(_db))
        {
            int inBatch = 0;
            w.Begin();
            try
            {
                var reader = toStore.Reader;
                var pending = new Dictionary<long, PreparedDocument?>();
                long expected = 0;
                while (true)
                {
                    if (pending.Remove(expected, out var p))
                    {
                        expected++;
                        if (p is null) continue;
                    }
                    else if (reader.TryRead(out var arrived))
                    {
                        pending[arrived.Order] = arrived.Document;
                        continue;
                    }
                    else
                    {
                        if (lastReport.ElapsedMilliseconds >= 100) { Report(); lastReport.Restart(); }
                        var wait = reader.WaitToReadAsync(token).AsTask();
                        if (!wait.Wait(200, token)) continue;
                        if (!wait.Result) break;
                        continue;
                    }
                    long t0 = Stopwatch.GetTimestamp();
                    string? cluster = null;
                    NearDuplicateIndex.Entry? match = p.MinHash is { } h ? near.FindNearest(h) : null;
                    if (match is not null)
                    {
                        if (match.Cluster is null)
                        {
                            match.Cluster = match.Id;
                            w.SetCluster(match.Seq, match.Id);
                        }
                        cluster = match.Cluster;
                    }
                    long? seq = w.Insert(p, cluster);
                    if (seq is null)
                    {
                        // Stored already (by another writer): keep one index entry for the id, not two.
                        _index.Update(p.Document.Id, SearchIndex.BuildDocument(p));
                        continue;
                    }
                    stored++;
                    textChars += p.Text.Length;
                    if (cluster is not null) { nearDuplicates++; clusters.Add(cluster); }
                    if (p.MinHash is { } sig) near.Add(new NearDuplicateIndex.Entry(seq.Value, p.Document.Id, sig, cluster));
                    long t1 = Stopwatch.GetTimestamp();
                    tStore += t1 - t0;
                    if (++inBatch >= options.BatchSize)
                    {
                        w.Commit();
                        _index.Commit();
                        w.Begin();
                        inBatch = 0;
                        tCommit += Stopwatch.GetTimestamp() - t1;
                    }
                    if (lastReport.ElapsedMilliseconds >= 100) { Report(); lastReport.Restart(); }
                }
                w.Commit();
            }
            catch
            {
                cts.Cancel();
                _ids = null; // ids were claimed for documents that may not be stored
                throw;
            }
            finally
            {
                try { Task.WaitAll([producer, workersDone, .. workers]); }
                catch (AggregateException) when (token.IsCancellationRequested) { }
            }
        }
        // Reader errors are surfaced (an exception in the producer is not bad input).
        if (producer.IsFaulted) throw producer.Exception!.InnerException!;
        if (workers.FirstOrDefault(t => t.IsFaulted) is { } failed) throw failed.Exception!.InnerException!;
        long tc = Stopwatch.GetTimestamp();
        _index.Commit();
        _db.SetMeta("index_state", "clean");
        _idsStamp = _db.Stamp();
        tCommit += Stopwatch.GetTimestamp() - tc;
        // Merge event reports across documents once here, so `events` and `indicators` only read.
        long te = Stopwatch.GetTimestamp();
        var events = Events.EventStore.Open(_db);
        if (stored > 0 || !events.IsCurrent()) events.Build();
        long tEvents = Stopwatch.GetTimestamp() - te;
        Report();
        // A repair made when this archive was opened or at the start of this run is reported once.
        IndexRepair? repaired = null;
        if (!_repairReported && LastReconcile is { Reindexed: > 0 } or { Removed: > 0 })
        {
            repaired = new IndexRepair(LastReconcile.Reindexed, LastReconcile.Removed);
            _repairReported = true;
        }
        return new IngestSummary
        {
            Repaired = repaired,
            Read = read,
            Stored = stored,
            Duplicates = duplicates,
            NearDuplicates = nearDuplicates,
            Clusters = clusters.Count,
            RejectedCount = rejected,
            Rejected = rejectedList,
            BytesRead = readProgress?.BytesDone ?? 0,
            TextChars = textChars,
            Elapsed = sw.Elapsed,
            ArchiveCount = _db.Count(),
            StepTimes = new Dictionary<string, TimeSpan>
            {
                ["read"] = Stopwatch.GetElapsedTime(0, tRead),
                ["analyse"] = Stopwatch.GetElapsedTime(0, tAnalyse),
                ["index"] = Stopwatch.GetElapsedTime(0, tIndex),
                ["store"] = Stopwatch.GetElapsedTime(0, tStore),
                ["commit"] = Stopwatch.GetElapsedTime(0, tCommit),
                ["merge events"] = Stopwatch.GetElapsedTime(0, tEvents),
            },
        };
    }

    internal static PreparedDocument Prepare(AnalysisPipeline pipeline, ArticleInput article, string origin, CancellationToken ct)
    {
        var doc = pipeline.Analyze(article, ct);
        var contract = AnalysisContract.From(doc);
        // The text is stored once, in its own column; the JSON carries the layers.
        string json = (contract with { Text = "" }).ToJson(indented: false);
        int bodyStart = doc.SubtitleRange?.Start ?? doc.BodyRange.Start;
        uint[]? minhash = MinHash.Compute(doc.Tokens, doc.BodyRange.Start);
        return new PreparedDocument(doc.Document, doc.Text, bodyStart, contract, json, minhash, origin);
    }

    // ------------------------------------------------------------------ repair

    /// <summary>
    /// After a crash (state not "clean") or when the counts differ, makes the index match SQLite.
    /// Only by the holder of the <see cref="ArchiveLock"/>.
    /// </summary>
    private void ReconcileIfNeeded()
    {
        long sqlCount = _db.Count();
        bool clean = _db.GetMeta("index_state") is null or "clean";
        bool sameAnalyzer = (_db.GetMeta("index_analyzer") ?? (sqlCount == 0 ? AnalyzerFactory.Signature : null)) == AnalyzerFactory.Signature;
        if (clean && sameAnalyzer && _index.NumDocs == sqlCount) return;
        if (!sameAnalyzer)
        {
            // Index terms come from the analyzer: a different one means every document is re-indexed.
            _db.SetMeta("index_state", "dirty");
            _index.DeleteAll();
            _index.Commit();
        }
        Reconcile();
    }

    /// <summary>Re-indexes documents missing from the index and deletes index entries SQLite does not hold (under the archive lock).</summary>
    private (int Reindexed, int Removed) Reconcile()
    {
        var sqlIds = _db.LoadIds();
        var indexIds = _index.ReadIds();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var remove = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in indexIds)
        {
            if (!sqlIds.Contains(id)) remove.Add(id);
            else if (!seen.Add(id)) remove.Add(id); // twice in the index: delete both, re-add one below
        }
        _index.Delete(remove);
        seen.ExceptWith(remove);
        int added = 0;
        foreach (var d in _db.EnumerateDocuments())
        {
            if (seen.Contains(d.Id)) continue;
            var analysis = GetAnalysis(d.Id);
            _index.Add(SearchIndex.BuildDocument(d.Id, d.Title, d.Text[d.BodyStart..], d.Published, d.Outlet, d.Category,
                analysis?.Entities.Select(StoreKeys.Entity) ?? [], analysis?.Events.Select(e => e.Type) ?? []));
            added++;
        }
        _index.Commit();
        _db.SetMeta("index_analyzer", AnalyzerFactory.Signature);
        _db.SetMeta("index_state", "clean");
        LastReconcile = (added, remove.Count);
        _repairReported = false;
        return LastReconcile;
    }

    public void Dispose()
    {
        _index.Dispose();
        _db.ClearPool();
    }
}
