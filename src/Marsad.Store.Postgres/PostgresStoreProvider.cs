namespace Marsad.Store.Postgres;

/// <summary>
/// Opens <c>postgres://</c> and <c>postgresql://</c> locations as <see cref="PostgresStore"/>s. A host registers it
/// once at start-up (<c>MarsadStores.Register(new PostgresStoreProvider())</c>); the embedded build does not.
/// </summary>
public sealed class PostgresStoreProvider : IStoreProvider
{
    public string Name => "PostgreSQL";

    public IReadOnlyList<string> Schemes { get; } = ["postgres", "postgresql"];

    public IMarsadStore Open(string location, StoreOpenOptions options) => PostgresStore.Open(location, options);

    /// <summary><see cref="PostgresArchive.Check"/>: every document's layers and search terms against its stored analysis.</summary>
    public ArchiveCheckReport Check(string location)
    {
        using var store = PostgresStore.Open(location, new StoreOpenOptions { MustExist = true });
        var report = store.Archive.Check();
        return new ArchiveCheckReport(report.Problems, report.Documents, report.Documents);
    }

    /// <summary>Rebuilds the search terms of the documents whose terms another analyzer made (or that have none).</summary>
    public long Repair(string location)
    {
        using var store = PostgresStore.Open(location, new StoreOpenOptions { MustExist = true });
        return store.Archive.RebuildTerms();
    }
}
