using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Marsad.Analysis;
using Marsad.Store.Sql;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Marsad.Store.Index;

/// <summary>
/// The Lucene.NET side of the archive: one document per stored document with the fields
/// <c>id</c> (stored), <c>title</c> and <c>body</c> (analysed, BM25), <c>day</c> (yyyyMMdd, range and sort),
/// <c>outlet</c>/<c>category</c>/<c>month</c> (filter terms in lower case, facet doc values as written),
/// <c>entity</c> (archive-wide entity keys) and <c>event</c> (PLOVER types). The text itself lives in SQLite.
/// </summary>
internal sealed partial class SearchIndex : IDisposable
{
    public const string IdField = "id", TitleField = "title", BodyField = "body", DayField = "day",
        OutletField = "outlet", CategoryField = "category", MonthField = "month", EntityField = "entity", EventField = "event";

    private static readonly string[] FacetFields = [OutletField, CategoryField, MonthField];

    private readonly LuceneDirectory _dir;
    private readonly Analyzer _analyzer = AnalyzerFactory.Create();
    private readonly object _writerLock = new();
    private IndexWriter? _writer;
    private SearcherManager? _searchers;
    private static readonly BM25Similarity Similarity = Ranking.Default.Similarity();

    public SearchIndex(string path)
    {
        System.IO.Directory.CreateDirectory(path);
        _dir = FSDirectory.Open(path);
    }

    /// <summary>Whether the folder holds a commit (a segments file) readers can open.</summary>
    public bool Exists => DirectoryReader.IndexExists(_dir);

    /// <summary>An empty commit so readers can open; only by the process holding the archive lock.</summary>
    public void EnsureCreated()
    {
        if (!Exists) GetWriter().Commit();
    }

    public Analyzer Analyzer => _analyzer;

    /// <summary>Opened on first write; holds Lucene's write lock until disposed.</summary>
    public IndexWriter GetWriter()
    {
        lock (_writerLock)
        {
            if (_writer is not null) return _writer;
            var config = new IndexWriterConfig(AnalyzerFactory.Version, _analyzer)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                RAMBufferSizeMB = 64,
                Similarity = Similarity,
                MaxThreadStates = 4,
            };
            try { _writer = new IndexWriter(_dir, config); }
            catch (LockObtainFailedException e)
            {
                throw new IOException("the archive's index is being written by another process (try again when it has finished)", e);
            }
            return _writer;
        }
    }

    public bool HasWriter => _writer is not null;

    /// <summary>
    /// Commits and closes the writer, releasing Lucene's write lock, so another process (a CLI
    /// ingest beside the server) can write next. Searchers stay open and see the commit.
    /// </summary>
    public void ReleaseWriter()
    {
        lock (_writerLock)
        {
            if (_writer is null) return;
            try { _writer.Dispose(); }
            finally { _writer = null; }
        }
        _searchers?.MaybeRefreshBlocking();
    }

    private SearcherManager Searchers
    {
        get
        {
            if (_searchers is { } known)
            {
                RefreshIfChanged(known);
                return known;
            }
            lock (_writerLock)
                return _searchers ??= new SearcherManager(_dir, new WarmingSearcherFactory());
        }
    }

    private long _lastRefreshCheck;

    /// <summary>
    /// Another process may commit to the folder (a CLI ingest while the server runs): at most every
    /// 250 ms a search checks for a newer commit and reopens (OpenIfChanged reuses unchanged segments).
    /// </summary>
    private void RefreshIfChanged(SearcherManager searchers)
    {
        long now = Stopwatch.GetTimestamp();
        long last = Volatile.Read(ref _lastRefreshCheck);
        if (Stopwatch.GetElapsedTime(last, now) < TimeSpan.FromMilliseconds(250)) return;
        if (Interlocked.CompareExchange(ref _lastRefreshCheck, now, last) != last) return;
        try { searchers.MaybeRefresh(); }
        catch (IOException e) { Debug.WriteLine(e); } // a commit being written: the next check reopens
    }

    /// <summary>
    /// BM25 searchers, warmed before they are published: the entity-key table the entity facet
    /// counts with is built here (once per reader), not by the first search that needs it.
    /// </summary>
    private sealed class WarmingSearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            return new MarsadSearcher(reader, EntityOrdinals.Build(reader, EntityField)) { Similarity = Similarity };
        }
    }

    public int NumDocs
    {
        get
        {
            var s = Searchers.Acquire();
            try { return s.IndexReader.NumDocs; }
            finally { Searchers.Release(s); }
        }
    }

    public static Document BuildDocument(string id, string title, string body, DateOnly? published, string? outlet, string? category, IEnumerable<string> entityKeys, IEnumerable<string> eventTypes)
    {
        var d = new Document
        {
            new StringField(IdField, id, Field.Store.YES),
            new TextField(TitleField, title, Field.Store.NO),
            new TextField(BodyField, body, Field.Store.NO),
        };
        if (published is { } p)
        {
            int day = p.Year * 10000 + p.Month * 100 + p.Day;
            d.Add(new Int32Field(DayField, day, Field.Store.NO));
            d.Add(new NumericDocValuesField(DayField, day));
            string month = p.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            d.Add(new StringField(MonthField, month, Field.Store.NO));
            d.Add(new SortedDocValuesField(MonthField, new BytesRef(month)));
        }
        else d.Add(new NumericDocValuesField(DayField, 0));
        AddKeyword(d, OutletField, outlet);
        AddKeyword(d, CategoryField, category);
        foreach (var k in entityKeys.Distinct()) d.Add(new StringField(EntityField, k, Field.Store.NO));
        foreach (var t in eventTypes.Distinct()) d.Add(new StringField(EventField, t.ToUpperInvariant(), Field.Store.NO));
        return d;
    }

    private static void AddKeyword(Document d, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        d.Add(new StringField(field, value.ToLowerInvariant(), Field.Store.NO));
        d.Add(new SortedDocValuesField(field, new BytesRef(value)));
    }

    public static Document BuildDocument(PreparedDocument p) => BuildDocument(
        p.Document.Id, p.Document.Title, p.Text[p.BodyStart..], p.Document.Published, p.Document.Outlet, p.Document.Category,
        p.Contract.Entities.Select(StoreKeys.Entity), p.Contract.Events.Select(e => e.Type));

    /// <summary>Thread-safe (Lucene analyses on the calling thread, so analysis threads index in parallel).</summary>
    public void Add(Document doc) => GetWriter().AddDocument(doc);

    public void Commit()
    {
        _writer?.Commit();
        _searchers?.MaybeRefreshBlocking();
    }

    /// <summary>Ids of the live documents in the last commit (an id seen twice is listed twice).</summary>
    public List<string> ReadIds()
    {
        var ids = new List<string>();
        var s = Searchers.Acquire();
        try
        {
            var fields = new HashSet<string> { IdField };
            foreach (var leaf in s.IndexReader.Leaves)
            {
                var r = leaf.AtomicReader;
                var live = r.LiveDocs;
                for (int i = 0; i < r.MaxDoc; i++)
                {
                    if (live is not null && !live.Get(i)) continue;
                    if (r.Document(i, fields).Get(IdField) is { } id) ids.Add(id);
                }
            }
        }
        finally { Searchers.Release(s); }
        return ids;
    }

    public void DeleteAll() => GetWriter().DeleteAll();

    /// <summary>Replaces every entry of <paramref name="id"/> by <paramref name="doc"/> (one entry per id).</summary>
    public void Update(string id, Document doc) => GetWriter().UpdateDocument(new Term(IdField, id), doc);

    public void Delete(IEnumerable<string> ids)
    {
        var w = GetWriter();
        foreach (var chunk in ids.Chunk(1000)) w.DeleteDocuments(chunk.Select(id => new Term(IdField, id)).ToArray());
    }

    // ---------------------------------------------------------------- search

    public sealed record RawHit(string Id, float Score);

    public sealed record RawResult(int Total, List<RawHit> Hits, Dictionary<string, int>[] Facets, Query Query);

    /// <summary>What a query found in one reader: the number of hits, the best ones (as many as a page asked for) and the facet counts.</summary>
    private sealed record CachedResult(int Total, List<RawHit> Top, Dictionary<string, int>[] Facets);

    // Results of recent queries on the current reader, keyed by the query and its filters (as
    // Solr's query result cache): counting facets visits every matching document, and analysts
    // page, filter and come back to the same query. A refreshed reader (a commit) starts a new
    // cache, so results are never stale; the size bound keeps a stream of distinct queries in check.
    private sealed class ResultCache(IndexReader reader)
    {
        public IndexReader Reader { get; } = reader;
        public ConcurrentDictionary<string, CachedResult> Map { get; } = new(StringComparer.Ordinal);
    }

    private ResultCache? _resultCache;
    private const int ResultCacheSize = 4096;

    /// <summary>The result, parse and snippet caches are on unless <c>MARSAD_SEARCH_CACHE=off</c> (<see cref="SearchCaches"/>).</summary>
    internal static bool CachesOn => SearchCaches.On;

    public RawResult Search(SearchRequest r, CancellationToken ct = default)
    {
        QueryLimits.CheckPage(r.Offset, r.Limit);
        return UnderBudget(r, ct, Search);
    }

    /// <summary>Parses the request's query and runs <paramref name="body"/> under its time budget and cancellation.</summary>
    private T UnderBudget<T>(SearchRequest r, CancellationToken ct, Func<SearchRequest, Query, SearchRun, T> body)
    {
        Query main = ParseQuery(r.Query);
        var budget = r.TimeBudget ?? QueryLimits.DefaultBudget;
        var run = new SearchRun(Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency), budget, ct);
        if (!QueryLimits.IsCostly(main)) return body(r, main, run);
        // Wildcard and fuzzy searches take turns (their term expansion is not under the budget's clock).
        if (!QueryLimits.CostlySlot.Wait(budget, ct)) throw new SearchTimeoutException(budget);
        try { return body(r, main, run); }
        finally { QueryLimits.CostlySlot.Release(); }
    }

    /// <summary>The parsed query with the request's filters (dates, source, category, entity, event type).</summary>
    private static Query Filtered(SearchRequest r, Query main)
    {
        var filter = new BooleanQuery();
        if (r.From is not null || r.To is not null)
            filter.Add(NumericRangeQuery.NewInt32Range(DayField, r.From is { } f ? Day(f) : null, r.To is { } t ? Day(t) : null, true, true), Occur.MUST);
        if (!string.IsNullOrWhiteSpace(r.Source)) filter.Add(new TermQuery(new Term(OutletField, r.Source.Trim().ToLowerInvariant())), Occur.MUST);
        if (!string.IsNullOrWhiteSpace(r.Category)) filter.Add(new TermQuery(new Term(CategoryField, r.Category.Trim().ToLowerInvariant())), Occur.MUST);
        if (!string.IsNullOrWhiteSpace(r.Entity)) filter.Add(new TermQuery(new Term(EntityField, r.Entity.Trim())), Occur.MUST);
        if (!string.IsNullOrWhiteSpace(r.EventType)) filter.Add(new TermQuery(new Term(EventField, r.EventType.Trim().ToUpperInvariant())), Occur.MUST);
        return filter.Clauses.Count == 0 ? main : new FilteredQuery(main, new QueryWrapperFilter(filter));
    }

    /// <summary>
    /// Ids of every document that matches the request's query and filters, in ordinal order: the whole
    /// hit set, not capped at <see cref="QueryLimits.MaxResults"/> (its page, order and facets are ignored),
    /// under the same cost limits, time budget and cancellation as <see cref="Search(SearchRequest, CancellationToken)"/>.
    /// </summary>
    public List<string> MatchingIds(SearchRequest r, CancellationToken ct = default) => UnderBudget(r, ct, MatchingIds);

    private List<string> MatchingIds(SearchRequest r, Query main, SearchRun run)
    {
        var query = Filtered(r, main);
        var s = Searchers.Acquire();
        try
        {
            var docs = new DocNumbers();
            var collector = new BudgetCollector(docs, run.Deadline, run.Budget, run.Cancellation);
            collector.Check();
            s.Search(query, collector);
            var fields = new HashSet<string> { IdField };
            var ids = new HashSet<string>(docs.Docs.Count, StringComparer.Ordinal);
            foreach (int doc in docs.Docs)
            {
                if ((ids.Count & 1023) == 0) collector.Check();
                if (s.Doc(doc, fields).Get(IdField) is { } id) ids.Add(id);
            }
            var list = ids.ToList();
            list.Sort(StringComparer.Ordinal);
            return list;
        }
        finally { Searchers.Release(s); }
    }

    /// <summary>Collects the (top-level) numbers of every matching document.</summary>
    private sealed class DocNumbers : ICollector
    {
        private int _base;
        public List<int> Docs { get; } = [];
        public bool AcceptsDocsOutOfOrder => true;
        public void SetScorer(Scorer scorer) { }
        public void SetNextReader(AtomicReaderContext context) => _base = context.DocBase;
        public void Collect(int doc) => Docs.Add(_base + doc);
    }

    private RawResult Search(SearchRequest r, Query main, SearchRun run)
    {
        Query query = Filtered(r, main);

        int want = Math.Max(1, r.Offset + r.Limit);
        var s = Searchers.Acquire();
        try
        {
            if (!r.Facets || !CachesOn)
            {
                if (r.Facets)
                {
                    using var counted = new FacetCollector(FacetFields, (s as MarsadSearcher)?.Entities ?? EntityOrdinals.Empty, r.FacetLimit);
                    var (all, found) = Collect(s, query, main, want, counted, run, r.SortByDate);
                    return new RawResult(all, Page(found, r), counted.Finish(), main);
                }
                var (total, top) = Collect(s, query, main, want, null, run, r.SortByDate);
                return new RawResult(total, Page(top, r), [], main);
            }
            // The parsed query's text names it exactly (analysed terms, operators, boosts, filters).
            string key = query.ToString() + "\n" + r.FacetLimit.ToString(CultureInfo.InvariantCulture) + (r.SortByDate ? "\ndate" : "");
            var cache = Volatile.Read(ref _resultCache);
            if (cache is null || !ReferenceEquals(cache.Reader, s.IndexReader))
            {
                cache = new ResultCache(s.IndexReader);
                Volatile.Write(ref _resultCache, cache);
            }
            if (cache.Map.TryGetValue(key, out var cached) && (cached.Top.Count >= want || cached.Top.Count >= cached.Total))
                return new RawResult(cached.Total, Page(cached.Top, r), cached.Facets, main);
            using var facets = new FacetCollector(FacetFields, (s as MarsadSearcher)?.Entities ?? EntityOrdinals.Empty, r.FacetLimit);
            var (n, hits) = Collect(s, query, main, want, facets, run, r.SortByDate);
            var result = new CachedResult(n, hits, facets.Finish());
            if (cache.Map.Count >= ResultCacheSize) cache.Map.Clear();
            cache.Map[key] = result;
            return new RawResult(n, Page(hits, r), result.Facets, main);
        }
        finally { Searchers.Release(s); }
    }

    /// <summary>The deadline and cancellation of one search.</summary>
    private readonly record struct SearchRun(long Deadline, TimeSpan Budget, CancellationToken Cancellation);

    /// <summary>
    /// The best <paramref name="want"/> hits (by score, or newest first for match-all) with their ids; facets
    /// counted on the way, under the run's time budget. An id is listed once even if the index held it twice.
    /// </summary>
    private static (int Total, List<RawHit> Top) Collect(IndexSearcher s, Query query, Query main, int want, FacetCollector? facets, SearchRun run,
        bool byDate = false)
    {
        ITopDocsCollector top = main is MatchAllDocsQuery
            ? TopFieldCollector.Create(new Sort(new SortField(DayField, SortFieldType.INT32, true)), want, true, false, false, false)
            : byDate
                // Newest first, ties by relevance (scores are tracked so the hits keep them).
                ? TopFieldCollector.Create(new Sort(new SortField(DayField, SortFieldType.INT32, true), SortField.FIELD_SCORE), want, true, true, false, false)
                : TopScoreDocCollector.Create(want, null, false);
        var budget = new BudgetCollector(facets is null ? (ICollector)top : MultiCollector.Wrap((ICollector)top, facets), run.Deadline, run.Budget, run.Cancellation);
        budget.Check();
        s.Search(query, budget);
        var docs = top.GetTopDocs();
        var hits = new List<RawHit>(docs.ScoreDocs.Length);
        var fields = new HashSet<string> { IdField };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sd in docs.ScoreDocs)
        {
            string id = s.Doc(sd.Doc, fields).Get(IdField);
            if (seen.Add(id)) hits.Add(new RawHit(id, float.IsNaN(sd.Score) ? 0 : sd.Score));
        }
        return (top.TotalHits, hits);
    }

    private static List<RawHit> Page(List<RawHit> top, SearchRequest r) =>
        r.Offset >= top.Count ? [] : top.GetRange(r.Offset, Math.Min(r.Limit, top.Count - r.Offset));

    private static int Day(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;

    /// <summary>
    /// Lucene query syntax over title (boosted) and body, all words required unless OR is written.
    /// A query that does not parse (an unbalanced quote, a stray colon) is searched as plain words.
    /// </summary>
    public Query ParseQuery(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "*") return new MatchAllDocsQuery();
        // Parsing analyses every word (clitics, stems): a repeated query reuses its parse. Queries
        // are never changed after parsing (filters wrap them), so one instance can serve many searches.
        if (!CachesOn) return Parse(_analyzer, text);
        if (_parsed.TryGetValue(text, out var known)) return known;
        var q = Parse(_analyzer, text);
        if (_parsed.Count >= ParsedCacheSize) _parsed.Clear();
        _parsed[text] = q;
        return q;
    }

    private readonly ConcurrentDictionary<string, Query> _parsed = new(StringComparer.Ordinal);
    private const int ParsedCacheSize = 4096;

    /// <summary>The parse of <see cref="ParseQuery"/> without its cache (also what the PostgreSQL archive translates to a tsquery).</summary>
    internal static Query Parse(Analyzer analyzer, string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "*") return new MatchAllDocsQuery();
        var parser = new BoundedQueryParser(AnalyzerFactory.Version, [TitleField, BodyField], analyzer,
            new Dictionary<string, float> { [TitleField] = Ranking.Default.TitleBoost, [BodyField] = 1f })
        {
            DefaultOperator = Operator.AND,
            AllowLeadingWildcard = false,
        };
        Query q;
        try { q = parser.Parse(text); }
        catch (ParseException)
        {
            // Searched as plain words: escaped, and AND/OR/NOT as words (a lone " OR " does not parse even escaped).
            string words = QueryParserBase.Escape(text).Replace("AND", "and", StringComparison.Ordinal)
                .Replace("OR", "or", StringComparison.Ordinal).Replace("NOT", "not", StringComparison.Ordinal);
            try { q = parser.Parse(words); }
            catch (ParseException e) { throw new SearchRefusedException($"the query cannot be read ({e.Message.Split('\n')[0]})", e); }
        }
        QueryLimits.Check(q);
        // A query of stop words only analyses to nothing: match nothing rather than everything.
        return q is BooleanQuery { Clauses.Count: 0 } ? new BooleanQuery() : q;
    }

    /// <summary>Prepares highlighting for one search: the query's body terms, extracted once for all its hits.</summary>
    public SnippetBuilder Snippets(Query query) => new(query, BodyField);

    /// <summary>The best passages of a document's <paramref name="text"/> for the search, with the matched words as offsets.</summary>
    public Snippet Snippet(SnippetBuilder snippets, string documentId, string text, SearchRequest r)
    {
        if (!CachesOn) return MakeSnippet(_analyzer, snippets, text, r);
        // A document's text never changes under its id (the id is a hash of it), so its passages
        // for one query can be kept: pages of a popular query are reread often.
        string key = string.Concat(snippets.Key, "\n", documentId, "\n", r.SnippetLength.ToString(CultureInfo.InvariantCulture));
        if (_snippets.TryGetValue(key, out var known)) return known;
        var snippet = MakeSnippet(_analyzer, snippets, text, r);
        if (_snippets.Count >= SnippetCacheSize) _snippets.Clear();
        _snippets[key] = snippet;
        return snippet;
    }

    private readonly ConcurrentDictionary<string, Snippet> _snippets = new(StringComparer.Ordinal);
    private const int SnippetCacheSize = 20_000;

    /// <summary>The snippet of one hit, uncached (the PostgreSQL archive builds its snippets with it from the stored text).</summary>
    internal static Snippet MakeSnippet(Analyzer analyzer, SnippetBuilder snippets, string text, SearchRequest r)
    {
        if (text.Length == 0) return Store.Snippet.Empty;
        if (snippets.HasTerms && snippets.Build(analyzer, BodyField, text, r.SnippetLength) is { Text.Length: > 0 } found) return found;
        // No match in the text read (a title-only match): the text's beginning, cut at a word.
        int end = Math.Min(text.Length, r.SnippetLength);
        while (end < text.Length && end < r.SnippetLength + 40 && !char.IsWhiteSpace(text[end])) end++;
        var w = new SnippetWriter(end + 2);
        w.Add(text.AsSpan(0, end), false);
        if (end < text.Length) w.Add(" …", false);
        return w.ToSnippet();
    }

    /// <summary>
    /// Counts facet values of every matching document: the single-valued fields from their doc
    /// values, segment by segment, and the entity keys from the reader's <see cref="EntityOrdinals"/>
    /// into one array of counts by key number (rented; only the top keys become strings).
    /// </summary>
    private sealed class FacetCollector(string[] fields, EntityOrdinals entities, int entityLimit) : ICollector, IDisposable
    {
        private readonly Dictionary<string, int>[] _totals = Enumerable.Range(0, fields.Length + 1).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        private readonly SortedDocValues?[] _dv = new SortedDocValues?[fields.Length];
        private readonly int[]?[] _counts = new int[]?[fields.Length];
        private int[]? _entityCounts = entities.Keys.Length == 0 ? null : RentZeroed(entities.Keys.Length);
        private EntityOrdinals.Segment? _segment;

        private static int[] RentZeroed(int n)
        {
            var a = ArrayPool<int>.Shared.Rent(n);
            Array.Clear(a, 0, n);
            return a;
        }

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer) { }

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            for (int i = 0; i < fields.Length; i++)
            {
                var dv = context.AtomicReader.GetSortedDocValues(fields[i]);
                _dv[i] = dv;
                _counts[i] = dv is null ? null : new int[dv.ValueCount];
            }
            _segment = context.Ord < entities.Segments.Length ? entities.Segments[context.Ord] : null;
        }

        public void Collect(int doc)
        {
            for (int i = 0; i < _dv.Length; i++)
            {
                var dv = _dv[i];
                if (dv is null) continue;
                int ord = dv.GetOrd(doc);
                if (ord >= 0) _counts[i]![ord]++;
            }
            if (_segment is { } seg && _entityCounts is { } counts)
            {
                var ids = seg.Ids;
                for (int j = seg.Start[doc], end = seg.Start[doc + 1]; j < end; j++) counts[ids[j]]++;
            }
        }

        private void Flush()
        {
            var bytes = new BytesRef();
            for (int i = 0; i < _dv.Length; i++)
            {
                var dv = _dv[i];
                var counts = _counts[i];
                if (dv is null || counts is null) continue;
                for (int ord = 0; ord < counts.Length; ord++)
                {
                    if (counts[ord] == 0) continue;
                    dv.LookupOrd(ord, bytes);
                    string key = bytes.Utf8ToString();
                    _totals[i][key] = _totals[i].GetValueOrDefault(key) + counts[ord];
                }
                _dv[i] = null;
                _counts[i] = null;
            }
        }

        /// <summary>The totals per field; for entities only the <c>entityLimit</c> most frequent keys (ties: lower key first).</summary>
        public Dictionary<string, int>[] Finish()
        {
            Flush();
            if (_entityCounts is { } counts && entityLimit > 0)
            {
                // Keep the top keys in a small min-heap by (count, -number): one pass, no sort of all keys.
                var heap = new PriorityQueue<int, (int Count, int NegId)>(entityLimit + 1);
                int n = entities.Keys.Length;
                for (int id = 0; id < n; id++)
                {
                    int c = counts[id];
                    if (c == 0) continue;
                    if (heap.Count < entityLimit) heap.Enqueue(id, (c, -id));
                    else if (heap.TryPeek(out _, out var min) && (c > min.Count || (c == min.Count && -id > min.NegId)))
                        heap.EnqueueDequeue(id, (c, -id));
                }
                var totals = _totals[fields.Length];
                while (heap.TryDequeue(out int id, out var p)) totals[entities.Keys[id]] = p.Count;
            }
            return _totals;
        }

        public void Dispose()
        {
            if (_entityCounts is { } a) ArrayPool<int>.Shared.Return(a);
            _entityCounts = null;
        }
    }

    public long SizeBytes()
    {
        long total = 0;
        foreach (var f in _dir.ListAll())
        {
            try { total += _dir.FileLength(f); } catch (IOException) { }
        }
        return total;
    }

    public void Dispose()
    {
        _searchers?.Dispose();
        if (_writer is not null)
        {
            try { _writer.Dispose(); }
            catch (Exception e) when (e is IOException or ObjectDisposedException) { Debug.WriteLine(e); }
        }
        _dir.Dispose();
        _analyzer.Dispose();
    }
}
