using System.Globalization;
using Marsad.Analysis;
using Marsad.Store;
using StoreSearch = Marsad.Store.SearchRequest;

namespace Marsad.Server.Features;

/// <summary>The API over Marsad.Store: maps requests to store calls and store records to API shapes.</summary>
internal sealed class StoreArchive : IArchive, IDisposable
{
    // Highlight markers from the Unicode private-use area: the store puts them around matched
    // words and we split on them, so no HTML ever travels in a snippet.
    private const char Pre = '\uE000', Post = '\uE001';
    private const int MaxEntityDocuments = 100, MaxCooccurring = 25, MaxEntityEvents = 200;

    private readonly MarsadArchive _archive;
    private readonly ArchiveFacts _facts;
    // MarsadArchive runs one ingest at a time; requests queue here instead of failing.
    private readonly Lock _ingestLock = new();

    private StoreArchive(MarsadArchive archive)
    {
        _archive = archive;
        _facts = new ArchiveFacts(archive);
    }

    public static StoreArchive Open(string dataDirectory) => new(MarsadArchive.Open(dataDirectory));

    public SearchResponse Search(SearchQuery q)
    {
        var r = _archive.Search(new StoreSearch
        {
            Query = q.Text,
            From = q.From,
            To = q.To,
            Source = q.Source,
            Category = q.Category,
            Entity = q.Entity,
            Limit = q.PageSize,
            Offset = (q.Page - 1) * q.PageSize,
            HighlightPre = Pre.ToString(),
            HighlightPost = Post.ToString(),
            HtmlEscape = false,
        });
        var hits = r.Hits.Select(h => new SearchHit(h.Id, h.Title, null, Iso(h.Published), h.Outlet ?? h.Source, h.Category,
            Math.Round(h.Score, 4), Segments(h.Snippet))).ToList();
        var facets = new Dictionary<string, IReadOnlyList<FacetValue>>
        {
            ["source"] = r.Sources.Select(f => new FacetValue(f.Value, null, f.Count)).ToList(),
            ["category"] = r.Categories.Select(f => new FacetValue(f.Value, null, f.Count)).ToList(),
            ["month"] = r.Months.Select(f => new FacetValue(f.Value, null, f.Count)).ToList(),
        };
        return new SearchResponse(q.Text, q.Page, q.PageSize, r.Total, hits, facets);
    }

    /// <summary>"a \uE000b\uE001 c" → [a ][b*][ c].</summary>
    internal static List<TextSegment> Segments(string snippet)
    {
        var list = new List<TextSegment>();
        int pos = 0;
        while (pos < snippet.Length)
        {
            int open = snippet.IndexOf(Pre, pos);
            if (open < 0) { list.Add(new TextSegment(snippet[pos..], false)); break; }
            if (open > pos) list.Add(new TextSegment(snippet[pos..open], false));
            int close = snippet.IndexOf(Post, open + 1);
            if (close < 0) { list.Add(new TextSegment(snippet[(open + 1)..], true)); break; }
            if (close > open + 1) list.Add(new TextSegment(snippet[(open + 1)..close], true));
            pos = close + 1;
        }
        return list;
    }

    public DocumentResponse? GetDocument(string id)
    {
        var d = _archive.GetDocument(id);
        if (d is null) return null;
        var analysis = _archive.GetAnalysis(id);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in analysis?.Entities ?? []) keys[e.Id] = ArchiveFacts.EntityKey(e);
        return new DocumentResponse(d.Id, d.Title, d.Subtitle, Iso(d.Published), d.Outlet ?? d.Source, SafeUrl(d.Url),
            d.Outlet, d.Category, d.Text, keys);
    }

    public string? GetAnalysisJson(string id) => _archive.GetAnalysis(id)?.ToJson(indented: false);

    public IngestResponse Ingest(ArticleInput article)
    {
        var id = AnalyzedDocument.ComputeId(article.Body);
        IngestSummary summary;
        lock (_ingestLock)
        {
            try
            {
                summary = _archive.Ingest([article], new IngestOptions { Workers = 1, BatchSize = 1, QueueCapacity = 1 });
            }
            catch (IOException e)
            {
                throw new ArchiveBusyException("The archive is being written by another process; try again when it is done.", e);
            }
        }
        if (summary.RejectedCount > 0)
            throw new Marsad.Ingest.InputException(article.Source ?? "request body", summary.Rejected.FirstOrDefault()?.Reason ?? "refused by the archive");
        var stored = _archive.GetDocument(id)
            ?? throw new InvalidOperationException("the archive did not store the document under its computed id");
        return new IngestResponse(stored.Id, summary.Stored > 0, stored.Title, Iso(stored.Published), $"/api/documents/{stored.Id}");
    }

    public EntitiesResponse Entities(string query, string? type, int limit)
    {
        var (total, list) = _facts.Entities(query, type, limit);
        return new EntitiesResponse(query, total, list.Select(Summary).ToList());
    }

    public EntityDetail? GetEntity(string id)
    {
        var e = _facts.GetEntity(id);
        if (e is null) return null;
        var docs = _facts.DocumentsOf(id, MaxEntityDocuments)
            .Select(d => new EntityDocument(d.Id, d.Title, Iso(d.Published), new MentionContext(d.Before, d.Text, d.After))).ToList();
        var co = _facts.Cooccurring(id, MaxCooccurring).Select(c => new Cooccurring(c.Key, c.Name, c.Type, c.Documents)).ToList();
        var (_, events) = _facts.Events(new EventFilter(null, null, null, null, null, MaxEntityEvents, 0), involving: id);
        return new EntityDetail(Summary(e), docs, co, Rows(events));
    }

    public EventsResponse Events(EventQuery q)
    {
        var (total, list) = _facts.Events(new EventFilter(q.Type, q.Country, q.Actor, q.From, q.To, q.PageSize, (q.Page - 1) * q.PageSize));
        return new EventsResponse(total, q.Page, q.PageSize, Rows(list));
    }

    public IndicatorsResponse Indicators(string by, DateOnly? from, DateOnly? to) =>
        new(by, "asserted event reports", _facts.Counts(by, from, to).Select(c => new IndicatorRow(c.Key, c.Label, c.Count)).ToList());

    private List<EventRow> Rows(List<EventReport> reports)
    {
        // Resolve every entity key once per page.
        var cache = new Dictionary<string, EntityRef?>(StringComparer.Ordinal);
        EntityRef? Ref(string? key)
        {
            if (string.IsNullOrEmpty(key)) return null;
            if (!cache.TryGetValue(key, out var r))
                cache[key] = r = _facts.GetEntity(key) is { } e ? new EntityRef(e.Key, e.Name, e.Type, e.Lat, e.Lon) : null;
            return r;
        }
        return reports.Select(v => new EventRow(
            $"{v.DocumentId}/{v.LocalId}", v.DocumentId, v.DocumentTitle, v.Type, v.Mode, v.Modality, v.Date, v.Trigger,
            v.ActorKeys.Select(Ref).OfType<EntityRef>().ToList(), v.TargetKeys.Select(Ref).OfType<EntityRef>().ToList(),
            Ref(v.LocationKey), v.Participants, v.Fatalities)).ToList();
    }

    private static EntitySummary Summary(EntityInfo e) =>
        new(e.Key, e.Name, e.NameEn, e.Type, e.Subtype, e.Key.StartsWith("marsad:", StringComparison.Ordinal) ? null : e.Key,
            e.Lat, e.Lon, e.Mentions, e.Documents);

    private static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Only http(s) links are passed on to the page.</summary>
    private static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u.AbsoluteUri : null;

    public void Dispose() => _archive.Dispose();
}

/// <summary>The archive cannot take a write now (another process holds it).</summary>
public sealed class ArchiveBusyException(string message, Exception? inner = null) : Exception(message, inner);
