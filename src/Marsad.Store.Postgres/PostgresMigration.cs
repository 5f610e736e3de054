using Marsad.Ingest;

namespace Marsad.Store.Postgres;

/// <summary>What one run of <see cref="PostgresMigration.Copy"/> did.</summary>
public sealed record MigrationSummary(long Source, long Copied, long AlreadyThere, long Rejected, long TargetCount, TimeSpan Elapsed);

/// <summary>
/// Copies an archive (the embedded one, through <see cref="IDocumentStore"/>) into a PostgreSQL archive:
/// each stored document is turned back into its article and ingested there, so the PostgreSQL layers,
/// search terms and story clusters are built by this build's pipeline. Resumable: documents are keyed by
/// their content id, so ids already in the target are skipped before any analysis, and a run stopped
/// half-way (killed, or a lost connection) is finished by running it again.
/// </summary>
public static class PostgresMigration
{
    public static MigrationSummary Copy(IDocumentStore from, PostgresArchive to, IngestOptions? options = null,
        IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        long source = 0;
        var items = from.EnumerateDocuments().Select(d =>
        {
            source++;
            return IngestItem.Ok(d.ToArticle(), d.Source ?? d.Id);
        });
        var s = to.Ingest(items, options, progress, cancellationToken);
        return new MigrationSummary(source, s.Stored, s.Duplicates, s.RejectedCount, to.Count, s.Elapsed);
    }
}
