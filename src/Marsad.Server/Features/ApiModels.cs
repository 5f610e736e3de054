namespace Marsad.Server.Features;

// Shapes of the JSON API (snake_case on the wire). They are separate from the store's types and
// filled by the archive adapter, so the API can stay stable while the store changes.

/// <summary>A piece of text; <c>match</c> marks the parts the query hit. The page renders these as text, never as HTML.</summary>
public sealed record TextSegment(string Text, bool Match);

public sealed record FacetValue(string Value, string? Label, long Count);

public sealed record SearchHit(
    string Id, string Title, string? Subtitle, string? Published, string? Source, string? Category,
    double Score, IReadOnlyList<TextSegment> Snippet);

/// <summary>A page of hits; <c>NextCursor</c> (null on the last page) asks for the next one.</summary>
public sealed record SearchResponse(
    string Query, int Page, int PageSize, long Total, IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, string? NextCursor = null)
{
    /// <summary>Made from an index that did not yet hold the archive's newest documents: not cached (never sent).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IndexBehind { get; init; }
}

/// <summary>A stored article. <c>EntityIds</c> maps contract entity ids (e1, e2…) to archive-wide ids, for links from the article page.</summary>
public sealed record DocumentResponse(
    string Id, string Title, string? Subtitle, string? Published, string? Source, string? Url,
    string? Outlet, string? Category, string Text,
    IReadOnlyDictionary<string, string> EntityIds);

public sealed record IngestResponse(string Id, bool Created, string Title, string? Published, string Location);

public sealed record EntitySummary(
    string Id, string Name, string? NameEn, string Type, string? Subtype, string? Key,
    double? Lat, double? Lon, long Mentions, long Documents);

public sealed record EntitiesResponse(string Query, long Total, IReadOnlyList<EntitySummary> Entities);

/// <summary>An entity an event or a page links to; <c>NameEn</c> is shown in English mode where known.</summary>
public sealed record EntityRef(string Id, string Name, string Type, double? Lat, double? Lon, string? NameEn = null);

public sealed record Cooccurring(string Id, string Name, string Type, long Count);

public sealed record MentionContext(string Before, string Text, string After);

public sealed record EntityDocument(string Id, string Title, string? Published, MentionContext? Context);

/// <summary>A UTF-16 span of a document's stored text (the <c>text</c> of <c>GET /api/documents/{id}</c>).</summary>
public sealed record TextSpan(int Start, int End);

/// <summary>One report of a merged event: the document, the event's trigger word and the sentence around it.</summary>
public sealed record EventSourceRow(
    string DocumentId, string Title, string? Source, string? Url, string LocalId,
    string Trigger, TextSpan? TriggerSpan, string Sentence, TextSpan? SentenceSpan);

/// <summary>
/// An event as it happened, merged from its reports across documents (the same events as
/// <c>marsad events</c>): actors, targets, place and earliest date, with every report as a source.
/// </summary>
public sealed record EventRow(
    string Id, string Type, string? Mode, string Date,
    IReadOnlyList<EntityRef> Actors, IReadOnlyList<EntityRef> Targets, EntityRef? Location, string? Country,
    long? Fatalities, long? Injured, IReadOnlyList<EventSourceRow> Sources, string? UpdatedAt = null);

/// <summary>An event id that no longer exists: <c>merged</c> into <c>MergedInto</c>, or <c>deleted</c>, at <c>At</c>.</summary>
public sealed record EventChangeRow(string Id, string Change, string? MergedInto, string At);

/// <summary>
/// One entity with a page of the documents that mention it (newest first; <c>Entity.Documents</c> of them in
/// all) and a page of the merged events it takes part in (newest first; <c>EventsTotal</c> in all). Pages are
/// <c>PageSize</c> long and asked for with <c>documents_page</c> and <c>events_page</c>.
/// </summary>
public sealed record EntityDetail(
    EntitySummary Entity, IReadOnlyList<EntityDocument> Documents,
    IReadOnlyList<Cooccurring> Cooccurring, IReadOnlyList<EventRow> Events,
    int DocumentsPage = 1, int EventsPage = 1, int PageSize = 0, long EventsTotal = 0);

/// <summary>A page of merged events, newest first; <c>Reports</c> counts the sources of all <c>Total</c> events.</summary>
/// <remarks>
/// <c>NextCursor</c> asks for the next page (null on the last); with <c>updated_since</c>, <c>Deleted</c> lists the ids
/// merged or deleted since then, and <c>AsOf</c> is the time to ask from next.
/// </remarks>
public sealed record EventsResponse(long Total, long Reports, int Page, int PageSize, IReadOnlyList<EventRow> Events,
    string? NextCursor = null, IReadOnlyList<EventChangeRow>? Deleted = null, string? AsOf = null);

/// <summary>
/// One group of merged events: how many, their fatalities and their reports. Rows grouped by
/// place carry the place's coordinates.
/// </summary>
public sealed record IndicatorRow(string Key, string? Label, long Count, long Fatalities, long Sources, double? Lat = null, double? Lon = null);

/// <summary>Counts grouped <c>By</c>; <c>Counting</c> says what is counted.</summary>
public sealed record IndicatorsResponse(string By, string Counting, long Events, long Reports, IReadOnlyList<IndicatorRow> Rows);

// Requests, after validation.

/// <summary>A search after validation; <c>Offset</c> (from a cursor) is where the page starts, null: from <c>Page</c>.</summary>
public sealed record SearchQuery(string Text, DateOnly? From, DateOnly? To, string? Source, string? Category, string? Entity, int Page, int PageSize,
    bool SortByDate = false, int? Offset = null);

/// <summary>
/// Event filters after validation. <c>NewestFirst</c>: by date, newest first (the default) or oldest first;
/// <c>Cursor</c>: continue after this event (search-after) instead of at <c>Page</c>; <c>UpdatedSince</c>: only
/// events added or changed since then (the changes feed).
/// </summary>
public sealed record EventQuery(string? Type, string? Country, string? Actor, DateOnly? From, DateOnly? To, int Page, int PageSize,
    bool NewestFirst = true, Store.Events.EventCursor? Cursor = null, DateTimeOffset? UpdatedSince = null);
