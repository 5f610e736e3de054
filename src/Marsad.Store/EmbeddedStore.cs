using Marsad.Analysis;
using Marsad.Ingest;
using Marsad.Store.Events;
using Marsad.Store.Export;
using Marsad.Store.Sql;

namespace Marsad.Store;

/// <summary>
/// The embedded archive (one folder: SQLite <c>marsad.db</c> and the Lucene <c>index/</c>) behind
/// <see cref="IMarsadStore"/>. It composes the folder's parts over ONE database object: documents and
/// entities read SQLite, merged events the <see cref="EventStore"/>, and the search index
/// (<see cref="MarsadArchive"/>) is opened at the first search, ingest or size asked (reading events
/// or a document does not open, or repair, the index).
/// </summary>
public sealed class EmbeddedStore : IMarsadStore
{
    public const string Kind = "embedded";

    private readonly ArchiveDatabase _db;
    private readonly EventStore _events;
    private readonly EntityQueries _entities;
    private readonly Lazy<MarsadArchive> _archive;
    // One ingest at a time per archive: a second one in this process waits here instead of failing.
    private readonly Lock _ingestLock = new();

    private EmbeddedStore(string dataDir, StoreOpenOptions options)
    {
        Location = Path.GetFullPath(dataDir);
        if (options.MustExist && !File.Exists(Path.Combine(Location, "marsad.db")))
            throw new InputException(dataDir, "no archive here (run `marsad ingest PATH --data " + dataDir + "` first)");
        Directory.CreateDirectory(Location);
        _db = MarsadArchive.OpenDatabase(Location);
        _events = EventStore.Open(_db);
        _entities = new EntityQueries(_db);
        _archive = new Lazy<MarsadArchive>(() => MarsadArchive.Open(Location, _db), LazyThreadSafetyMode.ExecutionAndPublication);
        Merge = new EventMergeGate(_events, Location, _db.Count, options);
    }

    /// <summary>Opens (creating unless <see cref="StoreOpenOptions.MustExist"/>) the archive in <paramref name="dataDir"/>.</summary>
    public static EmbeddedStore Open(string dataDir, StoreOpenOptions? options = null) => new(dataDir, options ?? new StoreOpenOptions());

    public string Location { get; }

    /// <summary>The folder's search side (opened now if it was not).</summary>
    public MarsadArchive Archive => _archive.Value;

    /// <summary>How readers wait for merged events (settable: the server waits seconds, tests hold it).</summary>
    public EventMergeGate Merge { get; }

    /// <summary>How long an ingest waits for another writer when <see cref="IngestOptions.LockWait"/> is not given.</summary>
    public TimeSpan LockWait { get => Archive.LockWait; set => Archive.LockWait = value; }

    public StoreInfo Describe()
    {
        var (db, index) = Archive.SizeOnDisk();
        return new StoreInfo(Kind, Location, ArchiveDatabase.SchemaVersion, _db.Count(), db, index);
    }

    public StoreStamp Stamp()
    {
        var (last, count) = _db.Stamp();
        return new StoreStamp(last, count);
    }

    // ------------------------------------------------------------------ documents

    public long CountDocuments() => _db.Count();

    public StoredDocument? GetDocument(string id) => _db.GetDocument(id);

    public AnalysisContract? GetAnalysis(string id) => _db.GetAnalysis(id);

    public IEnumerable<StoredDocument> EnumerateDocuments() => _db.EnumerateDocuments();

    public IReadOnlyList<string> GetCluster(string clusterId) => _db.GetCluster(clusterId);

    // ------------------------------------------------------------------ search

    public SearchResults Search(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var r = Archive.Search(request, cancellationToken);
        if (r.Facets.Entities.Count == 0) return r;
        // Entity facet values are keys: label them with the entities' names (an entity's name does not change).
        var names = LookupEntities(r.Facets.Entities.Select(f => f.Value));
        var entities = r.Facets.Entities.Select(f => f with { Label = names.GetValueOrDefault(f.Value)?.Name }).ToList();
        return r with { Facets = r.Facets with { Entities = entities } };
    }

    public IReadOnlyList<string> MatchingIds(SearchRequest request, CancellationToken cancellationToken = default) =>
        Archive.MatchingIds(request, cancellationToken);

    // ------------------------------------------------------------------ entities

    public EntityMatches FindEntities(string query, string? type, int limit) => _entities.Entities(query, type, limit);

    public EntityInfo? GetEntity(string key) => _entities.GetEntity(key);

    public IReadOnlyList<EntityMentionDoc> DocumentsOf(string key, int limit, int offset = 0, int context = 80) => _entities.DocumentsOf(key, limit, offset, context);

    public IReadOnlyList<CoEntity> Cooccurring(string key, int limit) => _entities.Cooccurring(key, limit);

    public IReadOnlyDictionary<string, ExportEntity> LookupEntities(IEnumerable<string> keys) => ExportEntities.Lookup(_db, keys);

    public string? ResolveCountry(string country) =>
        string.IsNullOrWhiteSpace(country) ? null : Countries.Resolve(country) ?? _entities.CountryCode(country);

    // ------------------------------------------------------------------ events

    public EventPage QueryEvents(EventPageRequest request)
    {
        var f = request.Filter;
        Merge.EnsureCurrent(f.WindowDays);
        var (total, reports) = _events.Count(f, f.WindowDays);
        var (page, next) = Page(request);
        _events.LoadSources(page);
        if (f.UpdatedSince is not { } since) return new EventPage(total, reports, page, next);
        var changes = _events.Changes(since, f.WindowDays);
        var removed = changes.Where(c => c.Change is EventChanges.Merged or EventChanges.Deleted).ToList();
        return new EventPage(total, reports, page, next, removed, changes.Count > 0 ? changes.Max(c => c.At) : null);
    }

    /// <summary>A page of events: after the cursor (search-after), else page number × size.</summary>
    private (List<MergedEvent> Events, EventCursor? Next) Page(EventPageRequest q)
    {
        var f = q.Filter;
        if (q.Cursor is not null || q.Page <= 1) return _events.Page(f, q.NewestFirst, q.Cursor, q.PageSize, f.WindowDays);
        // A numbered page: the events before it are skipped by walking the keyset (pages are small, at most a thousand deep).
        int skip = (q.Page - 1) * q.PageSize;
        var (skipped, next) = _events.Page(f, q.NewestFirst, null, skip, f.WindowDays);
        if (skipped.Count < skip || next is null) return ([], null);
        return _events.Page(f, q.NewestFirst, new EventCursor(skipped[^1].Date, skipped[^1].Id), q.PageSize, f.WindowDays);
    }

    public IReadOnlyList<MergedEvent> LoadEvents(MergedEventFilter filter, bool withSources = false, int? newest = null)
    {
        Merge.EnsureCurrent(filter.WindowDays);
        var list = _events.Load(filter, filter.WindowDays, newest);
        if (withSources) _events.LoadSources(list);
        return list;
    }

    public (int Events, long Reports) CountEvents(MergedEventFilter filter)
    {
        Merge.EnsureCurrent(filter.WindowDays);
        return _events.Count(filter, filter.WindowDays);
    }

    public IReadOnlyList<MergedEvent> EventsInvolving(string key, int limit, int offset = 0)
    {
        Merge.EnsureCurrent(EventStore.DefaultWindowDays);
        var list = _events.Involving(key, limit, offset);
        _events.LoadSources(list);
        return list;
    }

    public int CountEventsInvolving(string key)
    {
        Merge.EnsureCurrent(EventStore.DefaultWindowDays);
        return _events.CountInvolving(key);
    }

    public IndicatorTable Indicators(IndicatorGrouping by, MergedEventFilter filter)
    {
        Merge.EnsureCurrent(filter.WindowDays);
        if (by == IndicatorGrouping.Place)
        {
            var list = _events.Load(filter, filter.WindowDays);
            return new IndicatorTable(by, EventStore.ByPlace(list), list.Count, list.Sum(v => (long)v.Reports));
        }
        var (rows, events, reports) = _events.Indicators(filter, by.Name(), filter.WindowDays);
        if (by == IndicatorGrouping.Country)
        {
            // Stored by code; labelled with the archive's name of the country.
            var names = LookupEntities(rows.Where(r => r.Key != "-").Select(r => "iso3166:" + r.Key));
            rows = rows.Select(r => names.TryGetValue("iso3166:" + r.Key, out var n) ? r with { Label = n.Name } : r).ToList();
        }
        return new IndicatorTable(by, rows, events, reports);
    }

    public IReadOnlyList<EventChange> Changes(DateTimeOffset since)
    {
        Merge.EnsureCurrent(EventStore.DefaultWindowDays);
        return _events.Changes(since);
    }

    // ------------------------------------------------------------------ writing

    public IngestSummary Ingest(IEnumerable<IngestItem> items, IngestOptions? options = null, IProgress<IngestProgress>? progress = null,
        ReadProgress? readProgress = null, CancellationToken cancellationToken = default)
    {
        lock (_ingestLock) return Archive.Ingest(items, options, progress, readProgress, cancellationToken);
    }

    public ArticleIngestResult IngestArticle(ArticleInput article, IngestOptions? options = null, CancellationToken cancellationToken = default) =>
        SingleArticle.Ingest(this, article, options, cancellationToken);

    public void Dispose()
    {
        if (_archive.IsValueCreated) _archive.Value.Dispose();
        else _db.ClearPool();
    }
}

/// <summary>Opens archive folders (and <c>file://</c> URLs).</summary>
internal sealed class EmbeddedStoreProvider : IStoreProvider
{
    public string Name => "embedded archive";

    public IReadOnlyList<string> Schemes { get; } = ["file"];

    public IMarsadStore Open(string location, StoreOpenOptions options) => EmbeddedStore.Open(FolderOf(location), options);

    public ArchiveCheckReport Check(string location) => ArchiveHealth.Check(FolderOf(location));

    public long Repair(string location) => ArchiveHealth.Repair(FolderOf(location));

    private static string FolderOf(string location) =>
        MarsadStores.SchemeOf(location) == "file" ? new Uri(location).LocalPath : location;
}
