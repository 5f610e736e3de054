using Marsad.Analysis;

namespace Marsad.Server.Features;

/// <summary>
/// What the API needs from the archive. One implementation (<see cref="StoreArchive"/>) adapts
/// Marsad.Store; the endpoints validate input and shape responses, and hold no storage logic.
/// </summary>
public interface IArchive
{
    SearchResponse Search(SearchQuery query);
    DocumentResponse? GetDocument(string id);
    /// <summary>The <c>marsad.analysis/1</c> object, as JSON text.</summary>
    string? GetAnalysisJson(string id);
    IngestResponse Ingest(ArticleInput article);
    EntitiesResponse Entities(string query, string? type, int limit);
    EntityDetail? GetEntity(string id);
    EventsResponse Events(EventQuery query);
    IndicatorsResponse Indicators(string by, DateOnly? from, DateOnly? to);
}
