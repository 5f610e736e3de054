using Marsad.Analysis;
using Marsad.Ingest;

namespace Marsad.Store;

/// <summary><see cref="IArchiveWriter.IngestArticle"/> as every store does it: one article through the store's own batch ingest.</summary>
public static class SingleArticle
{
    /// <summary>Ingests <paramref name="article"/> into <paramref name="store"/> and returns its id, whether it was new, and the stored document.</summary>
    public static ArticleIngestResult Ingest(IMarsadStore store, ArticleInput article, IngestOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        string id = StoreKeys.Document(article);
        var summary = store.Ingest([IngestItem.Ok(article, article.Source ?? "article")],
            options ?? new IngestOptions { Workers = 1, BatchSize = 1, QueueCapacity = 1 }, null, null, cancellationToken);
        if (summary.RejectedCount > 0)
            throw new InputException(article.Source ?? "article", summary.Rejected.FirstOrDefault()?.Reason ?? "refused by the archive");
        var stored = store.GetDocument(id)
            ?? throw new InvalidOperationException($"{MarsadStores.Redact(store.Location)}: the archive did not store the article under its id {id}");
        return new ArticleIngestResult(id, summary.Stored > 0, stored);
    }
}
