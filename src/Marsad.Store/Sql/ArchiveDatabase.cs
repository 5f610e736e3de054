using System.Text.Json;
using Marsad.Analysis;
using Marsad.Text;
using Microsoft.Data.Sqlite;

namespace Marsad.Store.Sql;

/// <summary>
/// The SQLite side of the archive, the source of truth: documents with their metadata, text and
/// analysis JSON, and the analysis layers as tables. WAL mode; every query parameterised.
/// </summary>
internal sealed class ArchiveDatabase
{
    /// <summary>The newest schema this build knows (<see cref="SchemaMigrations"/>).</summary>
    public static int SchemaVersion => SchemaMigrations.Current;

    private readonly string _connectionString;

    public ArchiveDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var c = Open();
        SchemaMigrations.Upgrade(c, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? path);
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        // NORMAL is durable at each checkpoint and never corrupts in WAL mode; a crash loses at most the last transactions.
        Exec(c, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;");
        // Readers map the file instead of copying each page into the connection's cache (the server's concurrent
        // searches read the same rows); writes still go through the WAL. Once per physical connection: a pooled
        // one keeps it, and setting it again would remap.
        if (c.Handle is { } handle && !Mapped.TryGetValue(handle, out _))
        {
            Exec(c, $"PRAGMA mmap_size={MmapBytes}");
            Mapped.AddOrUpdate(handle, Marker);
        }
        return c;
    }

    /// <summary>Archives made before a column was added get it (NULL for rows already stored).</summary>
    internal static void AddColumnIfMissing(SqliteConnection c, string table, string column, string type, SqliteTransaction? tx = null)
    {
        using (var cmd = c.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = $n";
            cmd.Parameters.AddWithValue("$n", column);
            if ((long)cmd.ExecuteScalar()! > 0) return;
        }
        Exec(c, $"ALTER TABLE {table} ADD COLUMN {column} {type}", tx);
    }

    /// <summary>Closes this database's pooled connections so the folder can be moved or deleted.</summary>
    public void ClearPool()
    {
        using var c = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(c);
    }

    public static void Exec(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public string? GetMeta(string key)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT value FROM meta WHERE key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    public void SetMeta(string key, string value)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT INTO meta(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }

    public long Count()
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM documents";
        return (long)cmd.ExecuteScalar()!;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Mapped = new();
    private static readonly object Marker = new();

    /// <summary>How much of the database file readers may map (<c>PRAGMA mmap_size</c>): 4 GiB.</summary>
    private const long MmapBytes = 4L * 1024 * 1024 * 1024;

    /// <summary>The last seq and the count of documents: changes whenever any process stores one.</summary>
    public (long LastSeq, long Count) Stamp()
    {
        var s = Newest();
        return (s.LastSeq, s.Count);
    }

    /// <summary>The archive's stamp with the id of its newest document (null when empty).</summary>
    public sealed record NewestDocument(long LastSeq, long Count, string? Id);

    private NewestDocument? _newest;

    /// <summary>
    /// The newest document (its seq is the archive's change counter) and the count: one look-up of the
    /// largest seq (the primary key, so no scan) per call; the rows are counted again only when that seq
    /// moved. Documents are never deleted, so the count cannot change while the last seq stays.
    /// </summary>
    public NewestDocument Newest()
    {
        using var c = Open();
        var (seq, id) = LastRow(c, null);
        var known = Volatile.Read(ref _newest);
        if (known is not null && known.LastSeq == seq && known.Id == id) return known;
        // The seq and the count from one snapshot (a commit between two statements would pair them wrongly).
        using var tx = c.BeginTransaction(deferred: true);
        (seq, id) = LastRow(c, tx);
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT count(*) FROM documents";
        var fresh = new NewestDocument(seq, (long)cmd.ExecuteScalar()!, id);
        tx.Commit();
        Volatile.Write(ref _newest, fresh);
        return fresh;
    }

    private static (long Seq, string? Id) LastRow(SqliteConnection c, SqliteTransaction? tx)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT seq, id FROM documents ORDER BY seq DESC LIMIT 1";
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), r.GetString(1)) : (0, null);
    }

    public HashSet<string> LoadIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id FROM documents";
        using var r = cmd.ExecuteReader();
        while (r.Read()) ids.Add(r.GetString(0));
        return ids;
    }

    public IEnumerable<(long Seq, string Id, uint[] Signature, string? Cluster)> LoadMinHashes()
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT seq, id, minhash, cluster_id FROM documents WHERE minhash IS NOT NULL ORDER BY seq";
        using var r = cmd.ExecuteReader();
        while (r.Read())
            yield return (r.GetInt64(0), r.GetString(1), Duplicates.MinHash.FromBytes((byte[])r.GetValue(2)), r.IsDBNull(3) ? null : r.GetString(3));
    }

    private const string DocumentColumns = "seq, id, external_id, source, url, outlet, category, author, title, subtitle, published, text, body_start, cluster_id, ingested_at";

    public StoredDocument? GetDocument(string id)
    {
        using var c = Open();
        return GetDocument(c, id);
    }

    public static StoredDocument? GetDocument(SqliteConnection c, string id)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {DocumentColumns} FROM documents WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadDocument(r) : null;
    }

    /// <summary>What a search hit shows of a document.</summary>
    public sealed record HitDocument(string Id, string Title, DateOnly? Published, string? Source, string? Outlet, string? Category,
        string? Url, string? ClusterId, string Text, int BodyStart);

    /// <summary>
    /// The documents of one page of hits in one statement (ids as a JSON list), keyed by id; ids
    /// not stored are missing. Reads only the columns a hit shows.
    /// </summary>
    public static Dictionary<string, HitDocument> GetHitDocuments(SqliteConnection c, IReadOnlyCollection<string> ids)
    {
        var result = new Dictionary<string, HitDocument>(ids.Count, StringComparer.Ordinal);
        if (ids.Count == 0) return result;
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT id, title, published, source, outlet, category, url, cluster_id, text, body_start
            FROM documents WHERE id IN (SELECT value FROM json_each($ids))
            """;
        cmd.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize(ids));
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var d = new HitDocument(r.GetString(0), r.GetString(1),
                Str(r, 2) is { } p ? DateOnly.ParseExact(p, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
                Str(r, 3), Str(r, 4), Str(r, 5), Str(r, 6), Str(r, 7), r.GetString(8), r.GetInt32(9));
            result[d.Id] = d;
        }
        return result;
    }

    public IEnumerable<StoredDocument> EnumerateDocuments(long afterSeq = 0)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {DocumentColumns} FROM documents WHERE seq > $s ORDER BY seq";
        cmd.Parameters.AddWithValue("$s", afterSeq);
        using var r = cmd.ExecuteReader();
        while (r.Read()) yield return ReadDocument(r);
    }

    private static StoredDocument ReadDocument(SqliteDataReader r) => new()
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
        Published = Str(r, 10) is { } p ? DateOnly.ParseExact(p, "yyyy-MM-dd") : null,
        Text = r.GetString(11),
        BodyStart = r.GetInt32(12),
        ClusterId = Str(r, 13),
        IngestedAt = DateTimeOffset.Parse(r.GetString(14), System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>The stored <c>marsad.analysis/1</c> object of a document with its text, or null.</summary>
    public AnalysisContract? GetAnalysis(string id)
    {
        var json = GetAnalysisJson(id, out var text);
        return json is null ? null : AnalysisContract.FromJson(json) with { Text = text! };
    }

    /// <summary>Ids of the documents sharing a story cluster, in insertion order.</summary>
    public IReadOnlyList<string> GetCluster(string clusterId)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id FROM documents WHERE cluster_id = $c ORDER BY seq";
        cmd.Parameters.AddWithValue("$c", clusterId);
        using var r = cmd.ExecuteReader();
        var ids = new List<string>();
        while (r.Read()) ids.Add(r.GetString(0));
        return ids;
    }

    public string? GetAnalysisJson(string id, out string? text)
    {
        text = null;
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT analysis, text FROM documents WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        text = r.GetString(1);
        return r.GetString(0);
    }

    /// <summary>Prepared statements for one ingest transaction at a time, on one connection.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly SqliteConnection _c;
        private SqliteTransaction? _tx;
        private readonly SqliteCommand _doc, _entity, _mention, _time, _event, _cluster;

        public Writer(ArchiveDatabase db)
        {
            _c = db.Open();
            _doc = Cmd("""
                INSERT INTO documents(id, external_id, source, url, outlet, category, author, title, subtitle, published, text, body_start, minhash, cluster_id, ingested_at, analysis)
                VALUES ($id, $ext, $source, $url, $outlet, $cat, $author, $title, $subtitle, $published, $text, $body, $minhash, $cluster, $at, $analysis)
                ON CONFLICT(id) DO NOTHING RETURNING seq
                """, "$id", "$ext", "$source", "$url", "$outlet", "$cat", "$author", "$title", "$subtitle", "$published", "$text", "$body", "$minhash", "$cluster", "$at", "$analysis");
            _entity = Cmd("INSERT INTO entities(key, type, subtype, name, name_en, lat, lon, country) VALUES ($k, $t, $st, $n, $ne, $lat, $lon, $c) ON CONFLICT(key) DO NOTHING",
                "$k", "$t", "$st", "$n", "$ne", "$lat", "$lon", "$c");
            _mention = Cmd("INSERT INTO mentions(doc_seq, entity_key, local_id, start_at, end_at, text) VALUES ($d, $k, $l, $s, $e, $x)", "$d", "$k", "$l", "$s", "$e", "$x");
            _time = Cmd("INSERT INTO times(doc_seq, start_at, end_at, text, value, anchor) VALUES ($d, $s, $e, $x, $v, $a)", "$d", "$s", "$e", "$x", "$v", "$a");
            _event = Cmd("""
                INSERT INTO doc_events(doc_seq, local_id, type, mode, modality, trigger_start, trigger_end, trigger_text, sentence_start, sentence_end, time, location_key, actor_keys, target_keys, participants, fatalities, injured, geo_precision, context)
                VALUES ($d, $l, $t, $m, $mo, $ts, $te, $tx, $ss, $se, $time, $loc, $a, $g, $p, $f, $i, $gp, $ctx)
                """, "$d", "$l", "$t", "$m", "$mo", "$ts", "$te", "$tx", "$ss", "$se", "$time", "$loc", "$a", "$g", "$p", "$f", "$i", "$gp", "$ctx");
            _cluster = Cmd("UPDATE documents SET cluster_id = $c WHERE seq = $s", "$c", "$s");
        }

        private SqliteCommand Cmd(string sql, params string[] names)
        {
            var cmd = _c.CreateCommand();
            cmd.CommandText = sql;
            foreach (var n in names) cmd.Parameters.Add(new SqliteParameter(n, null));
            return cmd;
        }

        public void Begin()
        {
            _tx = _c.BeginTransaction();
            foreach (var cmd in new[] { _doc, _entity, _mention, _time, _event, _cluster }) cmd.Transaction = _tx;
        }

        public void Commit()
        {
            _tx?.Commit();
            _tx?.Dispose();
            _tx = null;
        }

        private static void Set(SqliteCommand cmd, params object?[] values)
        {
            for (int i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        /// <summary>Inserts the document and its layers; returns its seq, or null if the id was already stored.</summary>
        public long? Insert(PreparedDocument p, string? clusterId)
        {
            var d = p.Document;
            Set(_doc, d.Id, d.ExternalId, d.Source, d.Url, d.Outlet, d.Category, d.Author, d.Title, d.Subtitle,
                d.Published?.ToString("yyyy-MM-dd"), p.Text, p.BodyStart, p.MinHash is { } h ? Duplicates.MinHash.ToBytes(h) : null, clusterId,
                DateTimeOffset.UtcNow.ToString("o"), p.AnalysisJson);
            var seqObj = _doc.ExecuteScalar();
            if (seqObj is null or DBNull) return null;
            long seq = (long)seqObj;
            var c = p.Contract;
            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var e in c.Entities)
            {
                string key = StoreKeys.Entity(e);
                keys[e.Id] = key;
                Set(_entity, key, e.Type, e.Subtype, e.Name, e.NameEn, e.Lat, e.Lon, e.Country);
                _entity.ExecuteNonQuery();
                foreach (var m in e.Mentions)
                {
                    Set(_mention, seq, key, e.Id, m.Start, m.End, m.Text);
                    _mention.ExecuteNonQuery();
                }
            }
            foreach (var t in c.Times)
            {
                Set(_time, seq, t.Start, t.End, t.Text, t.Value, t.Anchor);
                _time.ExecuteNonQuery();
            }
            string K(string? local) => local is not null && keys.TryGetValue(local, out var k) ? k : local ?? "";
            foreach (var v in c.Events)
            {
                Set(_event, seq, v.Id, v.Type, v.Mode, v.Modality, v.Trigger.Start, v.Trigger.End, v.Trigger.Text, v.Sentence.Start, v.Sentence.End,
                    v.Time, v.Location is null ? null : K(v.Location),
                    JsonSerializer.Serialize(v.Actors.Select(K)), JsonSerializer.Serialize(v.Targets.Select(K)),
                    v.Participants, v.Fatalities, v.Injured, v.GeoPrecision, v.Context);
                _event.ExecuteNonQuery();
            }
            return seq;
        }

        public void SetCluster(long seq, string clusterId)
        {
            Set(_cluster, clusterId, seq);
            _cluster.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _tx?.Dispose();
            foreach (var cmd in new[] { _doc, _entity, _mention, _time, _event, _cluster }) cmd.Dispose();
            _c.Dispose();
        }
    }
}
