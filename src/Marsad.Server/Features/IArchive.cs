using Marsad.Analysis;

namespace Marsad.Server.Features;

/// <summary>
/// What the API needs from the archive. One implementation (<see cref="StoreArchive"/>) adapts
/// Marsad.Store; the endpoints validate input and shape responses, and hold no storage logic.
/// </summary>
public interface IArchive
{
    /// <summary>The archive's change counter (<see cref="Marsad.Store.IMarsadStore.Stamp"/>): answers cached under one stamp stay true until it changes.</summary>
    Marsad.Store.StoreStamp Stamp();

    /// <summary>Stops when <paramref name="cancellationToken"/> fires (the client went away); refused past the query limits.</summary>
    SearchResponse Search(SearchQuery query, CancellationToken cancellationToken = default);
    DocumentResponse? GetDocument(string id);
    /// <summary>The <c>marsad.analysis/1</c> object, as JSON text.</summary>
    string? GetAnalysisJson(string id);
    IngestResponse Ingest(ArticleInput article, CancellationToken cancellationToken = default);
    EntitiesResponse Entities(string query, string? type, int limit);
    /// <summary>The entity with page <paramref name="documentsPage"/> of its documents and <paramref name="eventsPage"/> of its events (1-based); null when unknown.</summary>
    EntityDetail? GetEntity(string id, int documentsPage = 1, int eventsPage = 1);
    /// <summary>Merged events (one per real event, its reports as sources) passing the filters, newest first.</summary>
    EventsResponse Events(EventQuery query);
    /// <summary>The events of <paramref name="query"/> (its page size is the most it writes) in an export format: acled-csv, jsonl or plover.</summary>
    void ExportEvents(EventQuery query, string format, TextWriter writer);
    /// <summary>Merged events passing the filters, counted by type, country, actor, month or place.</summary>
    IndicatorsResponse Indicators(string by, EventQuery filter);
}
