using Marsad.Analysis;
using Marsad.Ingest;

namespace Marsad.Store;

/// <summary>The keys every store gives the same thing: computed here once, so two stores of the same articles agree.</summary>
public static class StoreKeys
{
    /// <summary>The document id of an article: sha256 of its normalised body (its title when it has no body), 16 hex chars.</summary>
    public static string Document(ArticleInput article) => AnalyzedDocument.IdOf(article);

    /// <summary>
    /// An archive-wide entity key: the gazetteer key when the analysis gives one, otherwise
    /// <c>marsad:TYPE:normalised name</c> so the same name of the same type meets across documents.
    /// </summary>
    public static string Entity(EntityAnnotation e) =>
        e.Key ?? Extraction.Entities.EntityKeys.ForName(e.Type, e.Name);
}
