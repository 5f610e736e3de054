using System.Globalization;
using Marsad.Analysis;
using Marsad.Store.Index;
using Npgsql;
using NpgsqlTypes;

namespace Marsad.Store.Postgres;

/// <summary>
/// The archive on a PostgreSQL server (<c>--store postgres://…</c>): the embedded archive's documents,
/// analysis layers, story clusters and search, in one database that many ingest processes write
/// and many servers read at once. Every statement is parameterised; the schema is migrated on open
/// (<see cref="Migrations"/>).
/// <para>Use (as <see cref="MarsadArchive"/>):</para>
/// <code>
/// using var archive = PostgresArchive.Open("postgres://marsad:…@db:5432/marsad");
/// var summary = archive.Ingest(ArticleSources.Read(["corpus.jsonl.gz"]));   // idempotent, safe beside other writers
/// var result  = archive.Search(new SearchRequest { Query = "التحالف" });
/// </code>
/// Thread safety: every method may be called from many threads (each takes a pooled connection).
/// </summary>
public sealed partial class PostgresArchive : IDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly Lucene.Net.Analysis.Analyzer _analyzer = AnalyzerFactory.Create();

    private PostgresArchive(NpgsqlDataSource db, string url)
    {
        _db = db;
        Url = PostgresUrl.Redact(url);
    }

    /// <summary>The store URL with its password hidden.</summary>
    public string Url { get; }

    internal NpgsqlDataSource DataSource => _db;

    /// <summary>Connects to <paramref name="url"/> and brings its schema to <see cref="Migrations.Latest"/>.</summary>
    public static PostgresArchive Open(string url)
    {
        var db = NpgsqlDataSource.Create(PostgresUrl.ToConnectionString(url));
        try
        {
            Migrations.Apply(db);
            return new PostgresArchive(db, url);
        }
        catch (NpgsqlException e)
        {
            db.Dispose();
            throw new IOException($"cannot open the PostgreSQL archive {PostgresUrl.Redact(url)}: {e.Message}", e);
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Documents stored.</summary>
    public long Count => Scalar<long>("SELECT count(*) FROM documents");

    /// <summary>
    /// Bumped by every ingest transaction that stored a document (by any process): a reader's caches
    /// are current while it has not moved.
    /// </summary>
    public long ChangeCounter => long.Parse(Scalar<string>("SELECT value FROM meta WHERE key = 'change_counter'"), CultureInfo.InvariantCulture);

    private T Scalar<T>(string sql, params object[] args)
    {
        using var cmd = _db.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return (T)cmd.ExecuteScalar()!;
    }

    // ------------------------------------------------------------------ reading

    internal const string DocumentColumns = "seq, id, external_id, source, url, outlet, category, author, title, subtitle, published, text, body_start, cluster_id, ingested_at";

    public StoredDocument? GetDocument(string id)
    {
        using var cmd = _db.CreateCommand($"SELECT {DocumentColumns} FROM documents WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadDocument(r) : null;
    }

    /// <summary>The stored <c>marsad.analysis/1</c> object of a document, or null.</summary>
    public AnalysisContract? GetAnalysis(string id)
    {
        using var cmd = _db.CreateCommand("SELECT analysis::text, text FROM documents WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return AnalysisContract.FromJson(r.GetString(0)) with { Text = r.GetString(1) };
    }

    /// <summary>Every stored document after <paramref name="afterSeq"/> in insertion order (read in pages, for export and re-analysis).</summary>
    public IEnumerable<StoredDocument> EnumerateDocuments(long afterSeq = 0)
    {
        while (true)
        {
            var page = new List<StoredDocument>(500);
            using (var cmd = _db.CreateCommand($"SELECT {DocumentColumns} FROM documents WHERE seq > $1 ORDER BY seq LIMIT 500"))
            {
                cmd.Parameters.AddWithValue(afterSeq);
                using var r = cmd.ExecuteReader();
                while (r.Read()) page.Add(ReadDocument(r));
            }
            foreach (var d in page) yield return d;
            if (page.Count < 500) yield break;
            afterSeq = page[^1].Seq;
        }
    }

    /// <summary>Ids of the documents sharing a story cluster.</summary>
    public IReadOnlyList<string> GetCluster(string clusterId)
    {
        using var cmd = _db.CreateCommand("SELECT id FROM documents WHERE cluster_id = $1 ORDER BY seq");
        cmd.Parameters.AddWithValue(clusterId);
        using var r = cmd.ExecuteReader();
        var ids = new List<string>();
        while (r.Read()) ids.Add(r.GetString(0));
        return ids;
    }

    internal static StoredDocument ReadDocument(NpgsqlDataReader r) => new()
    {
        Seq = r.GetInt64(0),
        Id = r.GetString(1),
        ExternalId = Str(r, 2),
        Source = Str(r, 3),
        Url = Str(r, 4),
        Outlet = Str(r, 5),
        Category = Str(r, 6),
        Author = Str(r, 7),
        Title = r.GetString(8),
        Subtitle = Str(r, 9),
        Published = r.IsDBNull(10) ? null : r.GetFieldValue<DateOnly>(10),
        Text = r.GetString(11),
        BodyStart = r.GetInt32(12),
        ClusterId = Str(r, 13),
        IngestedAt = r.GetFieldValue<DateTimeOffset>(14),
    };

    internal static string? Str(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    internal static NpgsqlParameter Param<T>(T? value, NpgsqlDbType type) =>
        new() { Value = value is null ? DBNull.Value : value, NpgsqlDbType = type };

    public void Dispose()
    {
        _db.Dispose();
        _analyzer.Dispose();
    }
}
