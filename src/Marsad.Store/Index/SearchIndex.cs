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
internal sealed class SearchIndex : IDisposable
{
    public const string IdField = "id", TitleField = "title", BodyField = "body", DayField = "day",
        OutletField = "outlet", CategoryField = "category", MonthField = "month", EntityField = "entity", EventField = "event";

    private static readonly string[] FacetFields = [OutletField, CategoryField, MonthField];

    private readonly LuceneDirectory _dir;
    private readonly Analyzer _analyzer = AnalyzerFactory.Create();
    private readonly object _writerLock = new();
    private IndexWriter? _writer;
    private SearcherManager? _searchers;
    private static readonly BM25Similarity Similarity = new();

    public SearchIndex(string path)
    {
        System.IO.Directory.CreateDirectory(path);
        _dir = FSDirectory.Open(path);
        if (!DirectoryReader.IndexExists(_dir))
        {
            // An empty commit so readers can open; done once, under the write lock.
            GetWriter().Commit();
        }
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

    /// <summary>Tries to get the writer without waiting; false if another process holds the lock.</summary>
    public bool TryGetWriter(out IndexWriter? writer)
    {
        try { writer = GetWriter(); return true; }
        catch (IOException) { writer = null; return false; }
    }

    private SearcherManager Searchers
    {
        get
        {
            if (_searchers is not null) return _searchers;
            lock (_writerLock)
                return _searchers ??= new SearcherManager(_dir, new BM25SearcherFactory());
        }
    }

    private sealed class BM25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
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
        p.Contract.Entities.Select(ArchiveDatabase.EntityKey), p.Contract.Events.Select(e => e.Type));

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

    public void Delete(IEnumerable<string> ids)
    {
        var w = GetWriter();
        foreach (var chunk in ids.Chunk(1000)) w.DeleteDocuments(chunk.Select(id => new Term(IdField, id)).ToArray());
    }

    // ---------------------------------------------------------------- search

    public sealed record RawHit(string Id, float Score);

    public sealed record RawResult(int Total, List<RawHit> Hits, Dictionary<string, int>[] Facets, Query Query);

    public RawResult Search(SearchRequest r)
    {
        Query main = ParseQuery(r.Query);
        var filter = new BooleanQuery();
        if (r.From is not null || r.To is not null)
            filter.Add(NumericRangeQuery.NewInt32Range(DayField, r.From is { } f ? Day(f) : null, r.To is { } t ? Day(t) : null, true, true), Occur.MUST);
        if (!string.IsNullOrWhiteSpace(r.Source)) filter.Add(new TermQuery(new Term(OutletField, r.Source.Trim().ToLowerInvariant())), Occur.MUST);
        if (!string.IsNullOrWhiteSpace(r.Category)) filter.Add(new TermQuery(new Term(CategoryField, r.Category.Trim().ToLowerInvariant())), Occur.MUST);
        if (!string.IsNullOrWhiteSpace(r.Entity)) filter.Add(new TermQuery(new Term(EntityField, r.Entity.Trim())), Occur.MUST);
        if (!string.IsNullOrWhiteSpace(r.EventType)) filter.Add(new TermQuery(new Term(EventField, r.EventType.Trim().ToUpperInvariant())), Occur.MUST);
        Query query = filter.Clauses.Count == 0 ? main : new FilteredQuery(main, new QueryWrapperFilter(filter));

        int want = Math.Max(1, r.Offset + r.Limit);
        var s = Searchers.Acquire();
        try
        {
            bool byDate = main is MatchAllDocsQuery;
            ITopDocsCollector top = byDate
                ? TopFieldCollector.Create(new Sort(new SortField(DayField, SortFieldType.INT32, true)), want, true, false, false, false)
                : TopScoreDocCollector.Create(want, null, false);
            var facets = new FacetCollector(r.Facets ? FacetFields : []);
            s.Search(query, MultiCollector.Wrap((ICollector)top, facets));
            var docs = top.GetTopDocs(r.Offset, r.Limit);
            var hits = new List<RawHit>(docs.ScoreDocs.Length);
            var fields = new HashSet<string> { IdField };
            foreach (var sd in docs.ScoreDocs)
                hits.Add(new RawHit(s.Doc(sd.Doc, fields).Get(IdField), float.IsNaN(sd.Score) ? 0 : sd.Score));
            return new RawResult(top.TotalHits, hits, facets.Finish(), main);
        }
        finally { Searchers.Release(s); }
    }

    private static int Day(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;

    /// <summary>
    /// Lucene query syntax over title (boosted) and body, all words required unless OR is written.
    /// A query that does not parse (an unbalanced quote, a stray colon) is searched as plain words.
    /// </summary>
    public Query ParseQuery(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "*") return new MatchAllDocsQuery();
        var parser = new MultiFieldQueryParser(AnalyzerFactory.Version, [TitleField, BodyField], _analyzer,
            new Dictionary<string, float> { [TitleField] = 2f, [BodyField] = 1f })
        {
            DefaultOperator = Operator.AND,
            AllowLeadingWildcard = false,
        };
        Query q;
        try { q = parser.Parse(text); }
        catch (ParseException)
        {
            q = parser.Parse(QueryParserBase.Escape(text));
        }
        // A query of stop words only analyses to nothing: match nothing rather than everything.
        return q is BooleanQuery { Clauses.Count: 0 } ? new BooleanQuery() : q;
    }

    /// <summary>The best passages of <paramref name="text"/> for <paramref name="query"/>, matched words between the markers.</summary>
    public string Snippet(Query query, string text, SearchRequest r)
    {
        if (text.Length == 0) return "";
        IEncoder encoder = r.HtmlEscape ? MinimalHtmlEncoder.Instance : new DefaultEncoder();
        if (query is not MatchAllDocsQuery)
        {
            var scorer = new QueryScorer(query, BodyField);
            var highlighter = new Highlighter(new SimpleHTMLFormatter(r.HighlightPre, r.HighlightPost), encoder, scorer)
            {
                TextFragmenter = new SimpleSpanFragmenter(scorer, r.SnippetLength),
                MaxDocCharsToAnalyze = 200_000,
            };
            try
            {
                using var ts = _analyzer.GetTokenStream(BodyField, text);
                var frags = highlighter.GetBestFragments(ts, text, 2, " … ");
                if (!string.IsNullOrEmpty(frags)) return OneLine(frags);
            }
            catch (InvalidTokenOffsetsException) { /* fall back to the start of the text */ }
        }
        int end = Math.Min(text.Length, r.SnippetLength);
        while (end < text.Length && end < r.SnippetLength + 40 && !char.IsWhiteSpace(text[end])) end++;
        var head = text[..end] + (end < text.Length ? " …" : "");
        return OneLine(r.HtmlEscape ? Escape(head) : head);
    }

    /// <summary>Escapes only &amp; &lt; &gt; &quot; &#39; (Lucene's SimpleHTMLEncoder turns every Arabic letter into an entity).</summary>
    private sealed class MinimalHtmlEncoder : IEncoder
    {
        public static readonly MinimalHtmlEncoder Instance = new();

        public string EncodeText(string originalText) => Escape(originalText);
    }

    public static string Escape(string s)
    {
        if (s.AsSpan().IndexOfAny("&<>\"'") < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (char c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    private static string OneLine(string s)
    {
        var sb = new StringBuilder(s.Length);
        bool space = false;
        foreach (char c in s)
        {
            if (c is '\n' or '\r' or '\t' || c == ' ') { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Counts facet values of every matching document from doc values, segment by segment.</summary>
    private sealed class FacetCollector(string[] fields) : ICollector
    {
        private readonly Dictionary<string, int>[] _totals = fields.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        private readonly SortedDocValues?[] _dv = new SortedDocValues?[fields.Length];
        private readonly int[]?[] _counts = new int[]?[fields.Length];

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

        public Dictionary<string, int>[] Finish()
        {
            Flush();
            return _totals;
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
