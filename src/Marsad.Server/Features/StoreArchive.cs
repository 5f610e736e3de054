using System.Globalization;
using Marsad.Analysis;
using Marsad.Store;
using Marsad.Store.Events;
using Marsad.Store.Export;
using IndicatorRow = Marsad.Server.Features.IndicatorRow;
using StoreSearch = Marsad.Store.SearchRequest;

namespace Marsad.Server.Features;

/// <summary>
/// The API over an <see cref="IMarsadStore"/> (embedded or any registered store): maps requests to
/// store calls and store records to API shapes. It holds no storage logic and no state of its own
/// (the merge gate, country names and indicators live in the store).
/// </summary>
internal sealed class StoreArchive : IArchive, IDisposable
{
    private const int EntityPageSize = 50, MaxCooccurring = 25;

    private readonly IMarsadStore _store;

    private StoreArchive(IMarsadStore store) => _store = store;

    /// <summary>Opens the archive at <paramref name="location"/> (a folder or a store URL) for the API.</summary>
    public static StoreArchive Open(string location) => new(MarsadStores.Open(location, new StoreOpenOptions
    {
        // A request waits this long for a background merge of an old archive before it answers 503.
        MergeWait = TimeSpan.FromSeconds(10),
    }));

    /// <summary>The store (tests reach the embedded store's merge gate through it).</summary>
    internal IMarsadStore Store => _store;

    /// <summary>A POST waits this long for a CLI ingest's lock before it answers 503.</summary>
    private static readonly TimeSpan IngestLockWait = TimeSpan.FromSeconds(5);

    public StoreStamp Stamp() => _store.Stamp();

    public SearchResponse Search(SearchQuery q, CancellationToken cancellationToken = default)
    {
        var r = _store.Search(new StoreSearch
        {
            Query = q.Text,
            From = q.From,
            To = q.To,
            Source = q.Source,
            Category = q.Category,
            Entity = q.Entity,
            Limit = q.PageSize,
            Offset = q.Offset ?? (q.Page - 1) * q.PageSize,
            SortByDate = q.SortByDate,
            TimeBudget = SearchBudget,
        }, cancellationToken);
        var hits = r.Hits.Select(h => new SearchHit(h.Id, h.Title, null, Iso(h.Published), h.Outlet ?? h.Source, h.Category,
            Math.Round(h.Score, 4), Segments(h.Snippet))).ToList();
        var facets = new Dictionary<string, IReadOnlyList<FacetValue>>
        {
            ["source"] = r.Facets.Sources.Select(f => new FacetValue(f.Value, null, f.Count)).ToList(),
            ["category"] = r.Facets.Categories.Select(f => new FacetValue(f.Value, null, f.Count)).ToList(),
            ["month"] = r.Facets.Months.Select(f => new FacetValue(f.Value, null, f.Count)).ToList(),
            ["entity"] = r.Facets.Entities.Select(f => new FacetValue(f.Value, f.Label ?? f.Value, f.Count)).ToList(),
        };
        int end = (q.Offset ?? (q.Page - 1) * q.PageSize) + hits.Count;
        string? next = hits.Count == q.PageSize && end < Math.Min(r.Total, Marsad.Store.Index.QueryLimits.MaxResults) ? SearchCursor.Encode(q, end) : null;
        return new SearchResponse(q.Text, q.Page, q.PageSize, r.Total, hits, facets, next) { IndexBehind = r.IndexBehind };
    }

    /// <summary>A typed snippet as the API's segments: [a ][b*][ c].</summary>
    internal static List<TextSegment> Segments(Snippet snippet) => snippet.Segments().Select(s => new TextSegment(s.Text, s.Match)).ToList();

    public DocumentResponse? GetDocument(string id)
    {
        var d = _store.GetDocument(id);
        if (d is null) return null;
        var analysis = _store.GetAnalysis(id);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in analysis?.Entities ?? []) keys[e.Id] = StoreKeys.Entity(e);
        return new DocumentResponse(d.Id, d.Title, d.Subtitle, Iso(d.Published), d.Outlet ?? d.Source, SafeUrl(d.Url),
            d.Outlet, d.Category, d.Text, keys);
    }

    public string? GetAnalysisJson(string id) => _store.GetAnalysis(id)?.ToJson(indented: false);

    /// <summary>A search's wall-clock budget; past it the request gets 503.</summary>
    internal static readonly TimeSpan SearchBudget = TimeSpan.FromSeconds(3);

    public IngestResponse Ingest(ArticleInput article, CancellationToken cancellationToken = default)
    {
        ArticleIngestResult result;
        try
        {
            result = _store.IngestArticle(article, new IngestOptions { Workers = 1, BatchSize = 1, QueueCapacity = 1, LockWait = IngestLockWait }, cancellationToken);
        }
        catch (Marsad.Ingest.InputException e) when (article.Source is null)
        {
            throw new Marsad.Ingest.InputException("request body", e.Problem, null, e);
        }
        catch (ArchiveInUseException e)
        {
            var who = e.ProcessId is { } pid ? $"process {pid}" : "another process";
            throw new ArchiveBusyException($"The archive is in use by {who} (an ingest); try again when it has finished.", e);
        }
        var stored = result.Document;
        return new IngestResponse(stored.Id, result.Created, stored.Title, Iso(stored.Published), $"/api/documents/{stored.Id}");
    }

    public EntitiesResponse Entities(string query, string? type, int limit)
    {
        var found = _store.FindEntities(query, type, limit);
        return new EntitiesResponse(query, found.Total, found.Entities.Select(Summary).ToList());
    }

    public EntityDetail? GetEntity(string id, int documentsPage = 1, int eventsPage = 1)
    {
        var e = _store.GetEntity(id);
        if (e is null) return null;
        var docs = _store.DocumentsOf(id, EntityPageSize, (documentsPage - 1) * EntityPageSize)
            .Select(d => new EntityDocument(d.Id, d.Title, Iso(d.Published), new MentionContext(d.Before, d.Text, d.After))).ToList();
        var co = _store.Cooccurring(id, MaxCooccurring).Select(c => new Cooccurring(c.Key, c.Name, c.Type, c.Documents)).ToList();
        // The merged events it takes part in (as actor, target or place), newest first.
        var events = _store.EventsInvolving(id, EntityPageSize, (eventsPage - 1) * EntityPageSize);
        return new EntityDetail(Summary(e), docs, co, Rows(events), documentsPage, eventsPage, EntityPageSize, _store.CountEventsInvolving(id));
    }

    public EventsResponse Events(EventQuery q)
    {
        var page = _store.QueryEvents(Request(q));
        var deleted = page.Removed?.Select(c => new EventChangeRow(c.Id, c.Change, c.MergedInto, c.At)).ToList();
        return new EventsResponse(page.Total, page.Reports, q.Page, q.PageSize, Rows(page.Events), page.Next?.Encode(), deleted, page.AsOf);
    }

    public void ExportEvents(EventQuery q, string format, TextWriter writer)
    {
        var page = _store.QueryEvents(Request(q));
        EventExport.Write(writer, format, _store, page.Events, all: true);
    }

    public IndicatorsResponse Indicators(string by, EventQuery q)
    {
        var grouping = IndicatorGroupings.Parse(by) ?? throw new ArgumentException($"cannot count by '{by}'", nameof(by));
        var table = _store.Indicators(grouping, Filter(q));
        var rows = table.Rows.Select(r => new IndicatorRow(r.Key, r.Label, r.Events, r.Fatalities, r.Sources, r.Lat, r.Lon)).ToList();
        return new IndicatorsResponse(by, "merged events", table.Events, table.Reports, rows);
    }

    private EventPageRequest Request(EventQuery q) => new(Filter(q), q.PageSize, q.Page, q.Cursor, q.NewestFirst);

    private MergedEventFilter Filter(EventQuery q)
    {
        // A country the archive cannot name stays as given: it matches nothing (an empty page, not an error).
        string? country = q.Country is null ? null : _store.ResolveCountry(q.Country) ?? q.Country;
        return new MergedEventFilter(q.Type, country, q.Actor, q.From, q.To, q.UpdatedSince);
    }

    private List<EventRow> Rows(IReadOnlyList<MergedEvent> events)
    {
        // One look-up per page for entity types and coordinates.
        var names = _store.LookupEntities(ExportEntities.KeysOf(events));
        List<EntityRef> Refs(List<string> keys, List<string> labels) => keys.Select((k, i) =>
            names.TryGetValue(k, out var n) ? new EntityRef(k, n.Name, n.Type, n.Lat, n.Lon, n.NameEn) : new EntityRef(k, i < labels.Count ? labels[i] : k, "", null, null)).ToList();
        return events.Select(v => new EventRow(
            v.Id, v.Type, v.Mode, v.Date, Refs(v.ActorKeys, v.ActorNames), Refs(v.TargetKeys, v.TargetNames),
            v.LocationKey is null ? null : new EntityRef(v.LocationKey, v.LocationName ?? v.LocationKey, "LOC", v.Lat, v.Lon, names.GetValueOrDefault(v.LocationKey)?.NameEn),
            v.Country, v.Fatalities, v.Injured,
            v.Sources.Select(x => new EventSourceRow(x.DocumentId, x.Title, x.Source, SafeUrl(x.Url), x.LocalId, x.Trigger,
                new TextSpan(x.TriggerStart, x.TriggerEnd), x.SentenceText, new TextSpan(x.SentenceStart, x.SentenceEnd))).ToList(),
            v.UpdatedAt)).ToList();
    }

    private static EntitySummary Summary(EntityInfo e) =>
        new(e.Key, e.Name, e.NameEn, e.Type, e.Subtype, e.Key.StartsWith("marsad:", StringComparison.Ordinal) ? null : e.Key,
            e.Lat, e.Lon, e.Mentions, e.Documents);

    private static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Only http(s) links are passed on to the page.</summary>
    private static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u.AbsoluteUri : null;

    public void Dispose() => _store.Dispose();
}

/// <summary>The archive cannot take a write now (another process holds it).</summary>
public sealed class ArchiveBusyException(string message, Exception? inner = null) : Exception(message, inner);
