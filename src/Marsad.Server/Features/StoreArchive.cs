using System.Collections.Concurrent;
using System.Globalization;
using Marsad.Analysis;
using Marsad.Store;
using Marsad.Store.Events;
using Marsad.Store.Export;
using IndicatorRow = Marsad.Server.Features.IndicatorRow;
using StoreSearch = Marsad.Store.SearchRequest;

namespace Marsad.Server.Features;

/// <summary>The API over Marsad.Store: maps requests to store calls and store records to API shapes.</summary>
internal sealed class StoreArchive : IArchive, IDisposable
{
    // Highlight markers from the Unicode private-use area: the store puts them around matched
    // words and we split on them, so no HTML ever travels in a snippet.
    private const char Pre = '\uE000', Post = '\uE001';
    private const int EntityPageSize = 50, MaxCooccurring = 25;

    private readonly MarsadArchive _archive;
    private readonly ArchiveFacts _facts;
    private readonly EventStore _events;
    // MarsadArchive runs one ingest at a time; requests queue here instead of failing.
    private readonly Lock _ingestLock = new();

    private StoreArchive(MarsadArchive archive)
    {
        _archive = archive;
        // A POST waits this long for a CLI ingest's lock before it answers 503.
        _archive.LockWait = TimeSpan.FromSeconds(5);
        _facts = new ArchiveFacts(archive);
        _events = EventStore.Open(archive);
    }

    public static StoreArchive Open(string dataDirectory) => new(MarsadArchive.Open(dataDirectory));

    public SearchResponse Search(SearchQuery q, CancellationToken cancellationToken = default)
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
            Offset = q.Offset ?? (q.Page - 1) * q.PageSize,
            SortByDate = q.SortByDate,
            HighlightPre = Pre.ToString(),
            HighlightPost = Post.ToString(),
            HtmlEscape = false,
            TimeBudget = SearchBudget,
        }, cancellationToken);
        var hits = r.Hits.Select(h => new SearchHit(h.Id, h.Title, null, Iso(h.Published), h.Outlet ?? h.Source, h.Category,
            Math.Round(h.Score, 4), Segments(h.Snippet))).ToList();
        var facets = new Dictionary<string, IReadOnlyList<FacetValue>>
        {
            ["source"] = r.Sources.Select(f => new FacetValue(f.Value, null, f.Count)).ToList(),
            ["category"] = r.Categories.Select(f => new FacetValue(f.Value, null, f.Count)).ToList(),
            ["month"] = r.Months.Select(f => new FacetValue(f.Value, null, f.Count)).ToList(),
            ["entity"] = EntityFacet(r.Entities),
        };
        int end = (q.Offset ?? (q.Page - 1) * q.PageSize) + hits.Count;
        string? next = hits.Count == q.PageSize && end < Math.Min(r.Total, Store.Index.QueryLimits.MaxResults) ? SearchCursor.Encode(q, end) : null;
        return new SearchResponse(q.Text, q.Page, q.PageSize, r.Total, hits, facets, next);
    }

    /// <summary>Entity keys of the hits with their names; names are looked up once and kept (an entity's name does not change).</summary>
    private List<FacetValue> EntityFacet(IReadOnlyList<FacetCount> counts)
    {
        var missing = counts.Where(c => !_entityNames.ContainsKey(c.Value)).Select(c => c.Value).ToList();
        if (missing.Count > 0)
        {
            var found = _facts.Names(missing);
            foreach (var key in missing) _entityNames.TryAdd(key, found.GetValueOrDefault(key)?.Name);
            if (_entityNames.Count > 100_000) _entityNames.Clear();
        }
        return counts.Select(c => new FacetValue(c.Value, _entityNames.GetValueOrDefault(c.Value) ?? c.Value, c.Count)).ToList();
    }

    private readonly ConcurrentDictionary<string, string?> _entityNames = new(StringComparer.Ordinal);

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

    /// <summary>A search's wall-clock budget; past it the request gets 503.</summary>
    internal static readonly TimeSpan SearchBudget = TimeSpan.FromSeconds(3);

    public IngestResponse Ingest(ArticleInput article, CancellationToken cancellationToken = default)
    {
        var id = AnalyzedDocument.ComputeId(article.Body);
        IngestSummary summary;
        lock (_ingestLock)
        {
            try
            {
                summary = _archive.Ingest([article], new IngestOptions { Workers = 1, BatchSize = 1, QueueCapacity = 1 }, cancellationToken);
            }
            catch (ArchiveInUseException e)
            {
                var who = e.ProcessId is { } pid ? $"process {pid}" : "another process";
                throw new ArchiveBusyException($"The archive is in use by {who} (an ingest); try again when it has finished.", e);
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

    public EntityDetail? GetEntity(string id, int documentsPage = 1, int eventsPage = 1)
    {
        var e = _facts.GetEntity(id);
        if (e is null) return null;
        var docs = _facts.DocumentsOf(id, EntityPageSize, (documentsPage - 1) * EntityPageSize)
            .Select(d => new EntityDocument(d.Id, d.Title, Iso(d.Published), new MentionContext(d.Before, d.Text, d.After))).ToList();
        var co = _facts.Cooccurring(id, MaxCooccurring).Select(c => new Cooccurring(c.Key, c.Name, c.Type, c.Documents)).ToList();
        // The merged events it takes part in (as actor, target or place), newest first.
        var store = CurrentEvents();
        var events = store.Involving(id, EntityPageSize, (eventsPage - 1) * EntityPageSize);
        store.LoadSources(events);
        return new EntityDetail(Summary(e), docs, co, Rows(events), documentsPage, eventsPage, EntityPageSize, store.CountInvolving(id));
    }

    public EventsResponse Events(EventQuery q)
    {
        var store = CurrentEvents();
        var filter = Filter(q);
        var (total, reports) = store.Count(filter);
        var (page, next) = Page(store, filter, q);
        store.LoadSources(page);
        List<EventChangeRow>? deleted = null;
        string? asOf = null;
        if (q.UpdatedSince is { } since)
        {
            var changes = store.Changes(since);
            deleted = changes.Where(c => c.Change is "merged" or "deleted").Select(c => new EventChangeRow(c.Id, c.Change, c.MergedInto, c.At)).ToList();
            asOf = changes.Count > 0 ? changes.Max(c => c.At) : null;
        }
        return new EventsResponse(total, reports, q.Page, q.PageSize, Rows(page), next?.Encode(), deleted, asOf);
    }

    /// <summary>A page of events: after the cursor (search-after), else page number × size; oldest or newest first.</summary>
    private static (List<MergedEvent> Events, EventCursor? Next) Page(EventStore store, MergedEventFilter filter, EventQuery q)
    {
        if (q.Cursor is not null || q.Page == 1) return store.Page(filter, q.NewestFirst, q.Cursor, q.PageSize);
        // A numbered page: the events before it are skipped by walking the keyset (pages are small, at most a thousand deep).
        EventCursor? at = null;
        var (skipped, next) = store.Page(filter, q.NewestFirst, null, (q.Page - 1) * q.PageSize);
        if (skipped.Count < (q.Page - 1) * q.PageSize || next is null) return ([], null);
        at = new EventCursor(skipped[^1].Date, skipped[^1].Id);
        return store.Page(filter, q.NewestFirst, at, q.PageSize);
    }

    public void ExportEvents(EventQuery q, string format, TextWriter writer)
    {
        var store = CurrentEvents();
        var (page, _) = Page(store, Filter(q), q);
        store.LoadSources(page);
        EventExport.Write(writer, format, store, page, all: true);
    }

    public IndicatorsResponse Indicators(string by, EventQuery q)
    {
        var store = CurrentEvents();
        var filter = Filter(q);
        if (by == "place")
        {
            // Events at each place that has coordinates (for the map), most events first.
            var list = store.Load(filter);
            var rows = list.Where(v => v.LocationKey is not null && v.Lat is not null && v.Lon is not null)
                .GroupBy(v => v.LocationKey!, StringComparer.Ordinal)
                .Select(g => new IndicatorRow(g.Key, g.First().LocationName, g.Count(), g.Sum(v => v.Fatalities ?? 0), g.Sum(v => (long)v.Reports),
                    g.First().Lat, g.First().Lon))
                .OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
            return new IndicatorsResponse(by, "merged events", list.Count, list.Sum(v => (long)v.Reports), rows);
        }
        var (stored, events, reports) = store.Indicators(filter, by);
        var result = stored.Select(r => new IndicatorRow(r.Key, r.Label, r.Events, r.Fatalities, r.Sources)).ToList();
        if (by == "country")
        {
            // The store labels countries by code; the page shows names.
            var names = _facts.Names(result.Where(r => r.Key != "-").Select(r => "iso3166:" + r.Key));
            result = result.Select(r => names.TryGetValue("iso3166:" + r.Key, out var n) ? r with { Label = n.Name } : r).ToList();
        }
        return new IndicatorsResponse(by, "merged events", events, reports, result);
    }

    private MergedEventFilter Filter(EventQuery q)
    {
        string? country = q.Country is null ? null : Countries.Resolve(q.Country) ?? _facts.CountryCode(q.Country) ?? q.Country;
        return new MergedEventFilter(q.Type, country, q.Actor, q.From, q.To, q.UpdatedSince);
    }

    /// <summary>
    /// The archive's event store once its merged events are current. Ingest stores the merge, so this is
    /// normally a check; an archive made by an older version is merged once, in the background (minutes on a
    /// large archive): the first caller waits at most <see cref="MergeWait"/>, then gets
    /// <see cref="EventsPendingException"/> (a 503 with Retry-After) until the merge is stored.
    /// </summary>
    private EventStore CurrentEvents()
    {
        if (_events.IsCurrent()) return _events;
        Task task;
        lock (_mergeLock)
            task = _merging ??= Task.Run(() =>
            {
                try
                {
                    MergeGate?.Wait();
                    // The merge writes SQLite, so it takes the archive's write lock like any writer. A
                    // writer that holds it (an ingest in another process) stores the merge itself: look
                    // again once the lock is ours, and give up this round if it stays taken.
                    using var held = ArchiveLock.Acquire(_archive.DataDir, MergeLockWait);
                    if (!_events.IsCurrent()) _events.Build();
                }
                catch (ArchiveInUseException) { }
                finally { lock (_mergeLock) _merging = null; }
            });
        if (!task.Wait(MergeWait)) throw new EventsPendingException(_facts.Stamp().Count);
        task.GetAwaiter().GetResult();
        if (!_events.IsCurrent()) throw new EventsPendingException(_facts.Stamp().Count);
        return _events;
    }

    /// <summary>How long the background merge waits for the archive's write lock.</summary>
    internal TimeSpan MergeLockWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a request waits for a background merge before it answers 503.</summary>
    internal TimeSpan MergeWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Tests: holds the background merge until set, so the 503 can be seen without a race.</summary>
    internal ManualResetEventSlim? MergeGate { get; set; }

    private Task? _merging;
    private readonly Lock _mergeLock = new();

    private List<EventRow> Rows(List<MergedEvent> events)
    {
        // One look-up per page for entity types and coordinates, one for the reports' offsets.
        var names = _facts.Names(events.SelectMany(v => v.ActorKeys.Concat(v.TargetKeys).Concat(v.LocationKey is null ? [] : [v.LocationKey])));
        var spans = _facts.EventSpans(events.SelectMany(v => v.Sources.Select(x => (x.DocumentId, x.LocalId))));
        List<EntityRef> Refs(List<string> keys, List<string> labels) => keys.Select((k, i) =>
            names.TryGetValue(k, out var n) ? new EntityRef(k, n.Name, n.Type, n.Lat, n.Lon, n.NameEn) : new EntityRef(k, i < labels.Count ? labels[i] : k, "", null, null)).ToList();
        return events.Select(v => new EventRow(
            v.Id, v.Type, v.Mode, v.Date, Refs(v.ActorKeys, v.ActorNames), Refs(v.TargetKeys, v.TargetNames),
            v.LocationKey is null ? null : new EntityRef(v.LocationKey, v.LocationName ?? v.LocationKey, "LOC", v.Lat, v.Lon, names.GetValueOrDefault(v.LocationKey)?.NameEn),
            v.Country, v.Fatalities, v.Injured,
            v.Sources.Select(x =>
            {
                spans.TryGetValue((x.DocumentId, x.LocalId), out var sp);
                return new EventSourceRow(x.DocumentId, x.Title, x.Source, SafeUrl(x.Url), x.LocalId, x.Trigger,
                    sp is null ? null : new TextSpan(sp.TriggerStart, sp.TriggerEnd), x.SentenceText,
                    sp is null ? null : new TextSpan(sp.SentenceStart, sp.SentenceEnd));
            }).ToList(), v.UpdatedAt)).ToList();
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

/// <summary>The archive's events are still being merged (a large archive, just opened or just grown).</summary>
public sealed class EventsPendingException(long documents)
    : Exception($"The events of the archive's {documents:N0} documents are being merged; try again in a minute.");

/// <summary>The archive cannot take a write now (another process holds it).</summary>
public sealed class ArchiveBusyException(string message, Exception? inner = null) : Exception(message, inner);
