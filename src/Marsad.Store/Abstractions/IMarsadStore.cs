using Marsad.Analysis;
using Marsad.Ingest;
using Marsad.Store.Events;
using Marsad.Store.Export;

namespace Marsad.Store;

// The one archive interface both hosts (the CLI and the server) use. Every implementation (the
// embedded SQLite + Lucene folder, PostgreSQL) gives the same answers to the same calls; the
// contract tests (tests/Marsad.Store.Tests/Contract) run the same cases against each.
//
// Conventions for every member:
// - ids are Marsad document ids (16 hex chars, computed once at ingest: DocumentIds.Of);
// - entity keys are archive-wide (EntityKeys.Of): gazetteer keys (iso3166:MA) or marsad:TYPE:name;
// - "null" means "no such thing", never "failed": failures throw (ArchiveDamagedException,
//   ArchiveInUseException, SearchRefusedException, EventsPendingException, InputException);
// - lists are never null; orderings are total (ties broken by key/id, ordinal), so two stores agree.

/// <summary>
/// An archive: documents with their analysis, full-text search, entities, merged events,
/// indicators, the changes feed and ingest. Opened by <see cref="MarsadStores.Open"/>.
/// Thread-safe: reads may run on many threads, also while an ingest runs.
/// </summary>
public interface IMarsadStore : IDocumentStore, ISearchStore, IEntityStore, IEventStore, IIndicatorStore, IChangeFeed, IArchiveWriter, IDisposable
{
    /// <summary>Where the archive is: the full path of an embedded folder, or a URL without its password.</summary>
    string Location { get; }

    /// <summary>What the archive is and holds now: kind, schema version, documents and size (bytes where known).</summary>
    StoreInfo Describe();

    /// <summary>
    /// The archive's change counter: changes whenever documents are added or removed, by any process or
    /// server. Caches of derived data (names, merged events, responses) are keyed by it.
    /// </summary>
    StoreStamp Stamp();
}

/// <summary>Documents as stored.</summary>
public interface IDocumentStore
{
    /// <summary>Documents stored.</summary>
    long CountDocuments();

    /// <summary>The document with this id (text and metadata), or null when the archive has none.</summary>
    StoredDocument? GetDocument(string id);

    /// <summary>The stored <c>marsad.analysis/1</c> object of a document (its <c>Text</c> filled), or null when there is no such document.</summary>
    AnalysisContract? GetAnalysis(string id);

    /// <summary>Every stored document in insertion order (<see cref="StoredDocument.Seq"/> ascending), streamed.</summary>
    IEnumerable<StoredDocument> EnumerateDocuments();

    /// <summary>Ids of the documents of a story cluster, in insertion order; empty when the cluster is unknown.</summary>
    IReadOnlyList<string> GetCluster(string clusterId);
}

/// <summary>Full-text search over the stored documents.</summary>
public interface ISearchStore
{
    /// <summary>
    /// Hits of <paramref name="request"/>: by relevance (BM25; ties newest first, then id), or newest first when
    /// the query is empty or <see cref="SearchRequest.SortByDate"/>; <see cref="SearchRequest.Offset"/> and
    /// <see cref="SearchRequest.Limit"/> page them (at most <see cref="Index.QueryLimits.MaxResults"/> in all).
    /// <see cref="SearchResults.Total"/> counts every match; facets count over every match (not only the page).
    /// Snippets are plain text with the matched words as offsets (<see cref="Snippet.Highlights"/>).
    /// A query past the cost limits or its time budget throws <see cref="Index.SearchRefusedException"/>;
    /// <paramref name="cancellationToken"/> stops it.
    /// </summary>
    SearchResults Search(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The whole hit set of <paramref name="request"/>'s query and filters: the id of every matching document,
    /// in ordinal order, not capped at <see cref="Index.QueryLimits.MaxResults"/> (for exports and for comparing
    /// two stores, whose rankings differ, on the same archive). Its offset, limit, order and facets are ignored;
    /// cost limits, time budget and cancellation are those of <see cref="Search"/>.
    /// </summary>
    IReadOnlyList<string> MatchingIds(SearchRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Entities the analysis found, across documents.</summary>
public interface IEntityStore
{
    /// <summary>
    /// Entities mentioned at least once whose name (at search normalisation), English name (case-insensitive)
    /// or key contains <paramref name="query"/> (empty: all), of <paramref name="type"/> when given (null: any);
    /// most documents first, then most mentions, then name. At most <paramref name="limit"/>; Total counts all.
    /// </summary>
    EntityMatches FindEntities(string query, string? type, int limit);

    /// <summary>The entity with this key with its counts, or null when the archive has none.</summary>
    EntityInfo? GetEntity(string key);

    /// <summary>
    /// Documents mentioning the entity, newest first (then latest stored), from the <paramref name="offset"/>-th,
    /// each with its first mention in about <paramref name="context"/> characters of context.
    /// </summary>
    IReadOnlyList<EntityMentionDoc> DocumentsOf(string key, int limit, int offset = 0, int context = 80);

    /// <summary>Entities mentioned in the same documents, by shared documents (most first, then name).</summary>
    IReadOnlyList<CoEntity> Cooccurring(string key, int limit);

    /// <summary>Names, types, places and countries of the given keys, for labels and exports; unknown keys are left out.</summary>
    IReadOnlyDictionary<string, ExportEntity> LookupEntities(IEnumerable<string> keys);

    /// <summary>
    /// The ISO 3166 alpha-2 code of a country given by code (MA, MAR), key (iso3166:MA), Arabic name (matched at
    /// search normalisation, also names stored in the archive) or English name; null when it names no country.
    /// </summary>
    string? ResolveCountry(string country);
}

/// <summary>
/// Merged events: one per real event, its reports across documents as sources. They are merged at ingest;
/// an archive changed since (or asked with another window) is merged again first. Every member may then
/// throw <see cref="EventsPendingException"/> when the store was opened with a finite
/// <see cref="StoreOpenOptions.MergeWait"/> and the merge takes longer.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// One page of the events passing <see cref="EventPageRequest.Filter"/>, newest (or oldest) first, ties by id,
    /// with their sources: after <see cref="EventPageRequest.Cursor"/> (keyset) when given, else page number × size.
    /// Total and Reports count every event passing the filter; Next is null on the last page. With
    /// <see cref="MergedEventFilter.UpdatedSince"/>, Removed lists the ids merged or deleted since then and AsOf
    /// is the time to ask from next (null when nothing changed).
    /// </summary>
    EventPage QueryEvents(EventPageRequest request);

    /// <summary>
    /// Every event passing <paramref name="filter"/>, oldest first (date, then id); only the newest
    /// <paramref name="newest"/> when given (still oldest first). Sources are loaded when <paramref name="withSources"/>.
    /// </summary>
    IReadOnlyList<MergedEvent> LoadEvents(MergedEventFilter filter, bool withSources = false, int? newest = null);

    /// <summary>How many events pass <paramref name="filter"/>, and how many reports they merge.</summary>
    (int Events, long Reports) CountEvents(MergedEventFilter filter);

    /// <summary>
    /// The events the entity takes part in as actor, target or place: at most <paramref name="limit"/> from the
    /// <paramref name="offset"/>-th, newest first (then by id), with sources.
    /// </summary>
    IReadOnlyList<MergedEvent> EventsInvolving(string key, int limit, int offset = 0);

    /// <summary>How many events the entity takes part in as actor, target or place.</summary>
    int CountEventsInvolving(string key);
}

/// <summary>Counts of merged events.</summary>
public interface IIndicatorStore
{
    /// <summary>
    /// Merged events passing <paramref name="filter"/> counted by <paramref name="by"/>, with their fatalities and
    /// reports. Rows: most events first (months: in date order), then key. Country rows are labelled with the
    /// country's name (its code when the archive knows no name), key "-" for events without a country. Place rows
    /// hold only places with coordinates, with them. Events and Reports count every event passing the filter.
    /// </summary>
    IndicatorTable Indicators(IndicatorGrouping by, MergedEventFilter filter);
}

/// <summary>What changed among the merged events.</summary>
public interface IChangeFeed
{
    /// <summary>The last change (added, changed, merged or deleted) of every event id changed at or after <paramref name="since"/>, oldest first.</summary>
    IReadOnlyList<EventChange> Changes(DateTimeOffset since);
}

/// <summary>Storing documents.</summary>
public interface IArchiveWriter
{
    /// <summary>
    /// Stores the articles of <paramref name="items"/> (reader errors are counted as rejected): skips ids already
    /// stored before analysing, analyses, stores, indexes, clusters near-duplicates and merges events, so reads
    /// see a consistent archive when it returns. Idempotent: the same input again stores nothing.
    /// Another writer holding the archive longer than <see cref="IngestOptions.LockWait"/> gives <see cref="ArchiveInUseException"/>.
    /// </summary>
    IngestSummary Ingest(IEnumerable<IngestItem> items, IngestOptions? options = null, IProgress<IngestProgress>? progress = null,
        ReadProgress? readProgress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores one article (e.g. posted to the API) and returns its id, whether it was new, and the stored
    /// document. An article the analysis refuses throws <see cref="InputException"/> naming <c>article.Source</c>.
    /// </summary>
    ArticleIngestResult IngestArticle(ArticleInput article, IngestOptions? options = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// A kind of store (embedded folder, PostgreSQL …) that <see cref="MarsadStores"/> opens by the location's URL scheme.
/// A project that references Marsad.Store adds one with <see cref="MarsadStores.Register"/>.
/// </summary>
public interface IStoreProvider
{
    /// <summary>Short name for messages (e.g. "PostgreSQL").</summary>
    string Name { get; }

    /// <summary>URL schemes it opens, lower case without "://" (e.g. "postgres", "postgresql").</summary>
    IReadOnlyList<string> Schemes { get; }

    /// <summary>Opens (creating and upgrading its schema when allowed by <paramref name="options"/>) the archive at <paramref name="location"/>.</summary>
    IMarsadStore Open(string location, StoreOpenOptions options);

    /// <summary>Checks the archive without changing it: each problem in a sentence, and the counts compared.</summary>
    ArchiveCheckReport Check(string location);

    /// <summary>Rebuilds what can be derived (search terms, index) from the stored documents; returns the documents re-indexed.</summary>
    long Repair(string location);
}
