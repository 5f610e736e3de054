using Marsad.Analysis;
using Marsad.Ingest;
using Marsad.Store.Index;
using Marsad.Text;
using Npgsql;

namespace Marsad.Store.Postgres;

/// <summary>
/// The PostgreSQL archive behind <see cref="IMarsadStore"/> (<c>--store postgres://…</c>): documents, search and
/// ingest from <see cref="PostgresArchive"/>, entities, merged events, indicators and the changes feed read by SQL
/// (PostgresStore.Entities.cs, .Events.cs). It keeps no state of its own beyond the connection pool, so any number
/// of processes and servers over one database answer the same; <see cref="Stamp"/> is the database's.
/// Merged events are kept current by the ingest (in the database); reads never merge.
/// Thread-safe: every call takes a pooled connection.
/// </summary>
public sealed partial class PostgresStore : IMarsadStore
{
    public const string Kind = "postgres";

    private PostgresStore(PostgresArchive archive) => Archive = archive;

    /// <summary>The archive underneath (queue, check and migration use it).</summary>
    public PostgresArchive Archive { get; }

    private NpgsqlDataSource Db => Archive.DataSource;

    /// <summary>
    /// Connects to <paramref name="url"/> and brings its schema up to date (creating it unless
    /// <see cref="StoreOpenOptions.MustExist"/>). A malformed URL is an <see cref="InputException"/>; a server that
    /// cannot be reached or refuses the login is a <see cref="StoreUnavailableException"/>; both name the URL
    /// without its password.
    /// </summary>
    public static PostgresStore Open(string url, StoreOpenOptions? options = null)
    {
        options ??= new StoreOpenOptions();
        string shown = PostgresUrl.Redact(url);
        string connection;
        try { connection = PostgresUrl.ToConnectionString(url); }
        catch (ArgumentException e) { throw new InputException(shown, e.Message); }
        try
        {
            if (options.MustExist && !HasArchive(connection))
                throw new InputException(shown, "no archive in this database (run `marsad ingest PATH --store " + shown + "` first)");
            EnsureThreads();
            var archive = PostgresArchive.Open(url);
            try
            {
                var store = new PostgresStore(archive);
                store.FillNameKeys();
                return store;
            }
            catch
            {
                archive.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is NpgsqlException || e is IOException { InnerException: NpgsqlException })
        {
            var inner = e as NpgsqlException ?? (NpgsqlException)e.InnerException!;
            throw new StoreUnavailableException($"{shown}: cannot open the PostgreSQL archive: {Reason(inner)}");
        }
    }

    /// <summary>Worker threads the thread pool keeps ready once a PostgreSQL store is open.</summary>
    internal const int MinWorkerThreads = 64;

    /// <summary>
    /// Every call of this store blocks its thread on the database server. A server answering a burst of requests
    /// (16 at once with bench/serve/run.sh) would otherwise wait for the thread pool, which starts with one thread
    /// per core and adds about one a second: measured, the second burst of 16 searches took 13 s instead of 0.1 s.
    /// So the pool keeps <see cref="MinWorkerThreads"/> threads ready (idle ones cost only their stacks).
    /// </summary>
    private static void EnsureThreads()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        if (workers < MinWorkerThreads) ThreadPool.SetMinThreads(MinWorkerThreads, io);
    }

    /// <summary>The server's reason, with the socket error under a connection failure ("Connection refused").</summary>
    private static string Reason(NpgsqlException e) =>
        e.InnerException is { } inner && e is not PostgresException ? $"{e.Message} ({inner.Message})" : e.Message;

    private static bool HasArchive(string connection)
    {
        using var c = new NpgsqlConnection(connection);
        c.Open();
        using var cmd = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL AND to_regclass('documents') IS NOT NULL", c);
        return cmd.ExecuteScalar() is true;
    }

    /// <summary>An entity name as <see cref="IEntityStore.FindEntities"/> matches it: Marsad's search normalisation (as the embedded store).</summary>
    internal static string NameKey(string name) => ArabicNormalizer.Normalize(name, NormalizationLevel.Search);

    /// <summary>Entities stored before schema version 2 have no normalised name: computed here, once.</summary>
    private void FillNameKeys()
    {
        while (true)
        {
            var keys = new List<string>();
            var names = new List<string>();
            using (var cmd = Db.CreateCommand("SELECT key, name FROM entities WHERE name_norm IS NULL ORDER BY key LIMIT 5000"))
            using (var r = cmd.ExecuteReader())
                while (r.Read()) { keys.Add(r.GetString(0)); names.Add(NameKey(r.GetString(1))); }
            if (keys.Count == 0) return;
            using var up = Db.CreateCommand("UPDATE entities e SET name_norm = x.n FROM unnest($1::text[], $2::text[]) AS x(k, n) WHERE e.key = x.k");
            up.Parameters.AddWithValue(keys.ToArray());
            up.Parameters.AddWithValue(names.ToArray());
            up.ExecuteNonQuery();
            if (keys.Count < 5000) return;
        }
    }

    public string Location => Archive.Url;

    public StoreInfo Describe()
    {
        using var cmd = Db.CreateCommand("SELECT (SELECT max(version) FROM schema_migrations), (SELECT count(*) FROM documents), pg_database_size(current_database())");
        using var r = cmd.ExecuteReader();
        r.Read();
        return new StoreInfo(Kind, Location, r.GetInt32(0), r.GetInt64(1), r.GetInt64(2), null);
    }

    public StoreStamp Stamp()
    {
        using var cmd = Db.CreateCommand("SELECT coalesce(max(seq), 0), count(*) FROM documents");
        using var r = cmd.ExecuteReader();
        r.Read();
        return new StoreStamp(r.GetInt64(0), r.GetInt64(1));
    }

    // ------------------------------------------------------------------ documents

    public long CountDocuments() => Archive.Count;

    public StoredDocument? GetDocument(string id) => Archive.GetDocument(id);

    public AnalysisContract? GetAnalysis(string id) => Archive.GetAnalysis(id);

    public IEnumerable<StoredDocument> EnumerateDocuments() => Archive.EnumerateDocuments();

    public IReadOnlyList<string> GetCluster(string clusterId) => Archive.GetCluster(clusterId);

    // ------------------------------------------------------------------ search

    /// <summary>
    /// <see cref="PostgresArchive.Search"/> within <see cref="SearchRequest.TimeBudget"/> (default
    /// <see cref="QueryLimits.DefaultBudget"/>): past it the statement is cancelled on the server and the search
    /// throws <see cref="SearchTimeoutException"/>, as on the embedded store.
    /// </summary>
    public SearchResults Search(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = WithinBudget(request, cancellationToken, ct => Archive.Search(request, ct));
        if (r.Facets.Entities.Count == 0) return r;
        // Entity facet values are keys: label them with the entities' names (as the embedded store).
        var names = LookupEntities(r.Facets.Entities.Select(f => f.Value));
        var entities = r.Facets.Entities.Select(f => f with { Label = names.GetValueOrDefault(f.Value)?.Name }).ToList();
        return r with { Facets = r.Facets with { Entities = entities } };
    }

    /// <summary><see cref="PostgresArchive.MatchingIds"/> within the request's time budget, as <see cref="Search"/>.</summary>
    public IReadOnlyList<string> MatchingIds(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WithinBudget(request, cancellationToken, ct => Archive.MatchingIds(request, ct));
    }

    /// <summary>
    /// Runs one search within <see cref="SearchRequest.TimeBudget"/> (default <see cref="QueryLimits.DefaultBudget"/>):
    /// past it the statement is cancelled on the server and <see cref="SearchTimeoutException"/> is thrown.
    /// </summary>
    private static T WithinBudget<T>(SearchRequest request, CancellationToken cancellationToken, Func<CancellationToken, T> search)
    {
        var budget = request.TimeBudget ?? QueryLimits.DefaultBudget;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bool limited = budget > TimeSpan.Zero && budget != Timeout.InfiniteTimeSpan;
        if (limited) timer.CancelAfter(budget);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var r = search(timer.Token);
            // A search that ended past its budget before the timer fired (timers are coarser than a small query) fails too.
            if (limited && System.Diagnostics.Stopwatch.GetElapsedTime(started) > budget && !cancellationToken.IsCancellationRequested)
                throw new SearchTimeoutException(budget);
            return r;
        }
        catch (Exception e) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested
                                  && e is OperationCanceledException or PostgresException { SqlState: PostgresErrorCodes.QueryCanceled })
        {
            throw new SearchTimeoutException(budget);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    // ------------------------------------------------------------------ writing

    /// <summary>Safe beside other writers on the same database (no lock to wait for: <see cref="IngestOptions.LockWait"/> does not apply).</summary>
    public IngestSummary Ingest(IEnumerable<IngestItem> items, IngestOptions? options = null, IProgress<IngestProgress>? progress = null,
        ReadProgress? readProgress = null, CancellationToken cancellationToken = default) =>
        Archive.Ingest(items, options, progress, cancellationToken);

    public ArticleIngestResult IngestArticle(ArticleInput article, IngestOptions? options = null, CancellationToken cancellationToken = default) =>
        SingleArticle.Ingest(this, article, options, cancellationToken);

    public void Dispose() => Archive.Dispose();
}
