using Marsad.Analysis;

namespace Marsad.Server.Features;

/// <summary>The API over Marsad.Store. (Wired to the store's API as it lands.)</summary>
internal sealed class StoreArchive : IArchive, IDisposable
{
    public static StoreArchive Open(string dataDirectory) => new();
    public SearchResponse Search(SearchQuery query) => throw new NotImplementedException();
    public DocumentResponse? GetDocument(string id) => throw new NotImplementedException();
    public string? GetAnalysisJson(string id) => throw new NotImplementedException();
    public IngestResponse Ingest(ArticleInput article) => throw new NotImplementedException();
    public EntitiesResponse Entities(string query, string? type, int limit) => throw new NotImplementedException();
    public EntityDetail? GetEntity(string id) => throw new NotImplementedException();
    public EventsResponse Events(EventQuery query) => throw new NotImplementedException();
    public IndicatorsResponse Indicators(string by, DateOnly? from, DateOnly? to) => throw new NotImplementedException();
    public void Dispose() { }
}
