using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Marsad.Store.Sql;

/// <summary>
/// The embedded archive's schema, as ordered steps keyed on a schema version (<c>meta.schema_version</c>).
/// Step N brings an archive of version N-1 to N; opening an archive runs the steps it lacks, in one
/// write transaction, so an archive of any older version is upgraded in place (archives made before the
/// version was kept count as version 0: their steps are written to be re-run safely). An archive of a
/// newer version than <see cref="Current"/> is refused, untouched, with <see cref="ArchiveVersionException"/>.
/// </summary>
internal static class SchemaMigrations
{
    private sealed record Step(int Version, string What, Action<SqliteConnection, SqliteTransaction> Apply);

    private static readonly Step[] Steps =
    [
        new(1, "documents with their text and analysis; entities, mentions, times and event reports", (c, tx) =>
        {
            ArchiveDatabase.Exec(c, BaseSchema, tx);
            // Columns added while the schema had no versions yet.
            ArchiveDatabase.AddColumnIfMissing(c, "doc_events", "geo_precision", "TEXT", tx);
            ArchiveDatabase.AddColumnIfMissing(c, "doc_events", "context", "TEXT", tx);
        }),
        new(2, "merged events, their sources and the changes feed (created by the first merge before)", (c, tx) =>
        {
            ArchiveDatabase.Exec(c, MergedEventsSchema, tx);
            foreach (var (col, type) in new[]
                     {
                         ("country", "TEXT"), ("location_name", "TEXT"), ("lat", "REAL"), ("lon", "REAL"), ("location_subtype", "TEXT"),
                         ("geo_precision", "TEXT"), ("actor_names", "TEXT"), ("target_names", "TEXT"), ("reports", "INTEGER"),
                         ("time_precision", "INTEGER"), ("context", "TEXT"), ("first_report", "TEXT"), ("fingerprint", "TEXT"), ("updated_at", "TEXT"),
                     })
                ArchiveDatabase.AddColumnIfMissing(c, "merged_events", col, type, tx);
            ArchiveDatabase.Exec(c, Events.EventChanges.Schema, tx);
            ArchiveDatabase.Exec(c, "CREATE INDEX IF NOT EXISTS merged_events_date ON merged_events(date);", tx);
        }),
    ];

    /// <summary>The newest schema version this build writes.</summary>
    public static int Current => Steps[^1].Version;

    /// <summary>The schema version of the open database (0: none recorded, a new or pre-version archive).</summary>
    public static int VersionOf(SqliteConnection c, SqliteTransaction? tx = null)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'";
        if ((long)cmd.ExecuteScalar()! == 0) return 0;
        cmd.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
        var v = cmd.ExecuteScalar() as string;
        if (v is null) return 0;
        if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            throw new ArchiveDamagedException($"marsad.db: schema_version '{v}' is not a number");
        return n;
    }

    /// <summary>
    /// Brings the database of the archive in <paramref name="location"/> to <see cref="Current"/>. A current
    /// archive is only read (another process may hold SQLite's write lock for a whole batch, and opening to
    /// read must not wait for it); an older one is upgraded under the write lock, re-checked once it is held
    /// (another process may have upgraded it meanwhile).
    /// </summary>
    public static void Upgrade(SqliteConnection c, string location)
    {
        int found = VersionOf(c);
        if (found == Current) return;
        if (found > Current) throw new ArchiveVersionException(location, found, Current);
        ArchiveDatabase.Exec(c, "PRAGMA journal_mode=WAL;");
        using var tx = c.BeginTransaction(deferred: false);
        found = VersionOf(c, tx);
        if (found > Current) throw new ArchiveVersionException(location, found, Current);
        foreach (var step in Steps)
        {
            if (step.Version <= found) continue;
            try { step.Apply(c, tx); }
            catch (SqliteException e) when (e.SqliteErrorCode is not (11 or 26))
            {
                throw new ArchiveDamagedException($"{location}: upgrading the archive to schema version {step.Version} ({step.What}) failed: {e.Message}", e);
            }
        }
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT INTO meta(key, value) VALUES ('schema_version', $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        cmd.Parameters.AddWithValue("$v", Current.ToString(CultureInfo.InvariantCulture));
        cmd.ExecuteNonQuery();
        tx.Commit();
    }

    private const string BaseSchema = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE IF NOT EXISTS documents(
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          external_id TEXT, source TEXT, url TEXT, outlet TEXT, category TEXT, author TEXT,
          title TEXT NOT NULL, subtitle TEXT, published TEXT,
          text TEXT NOT NULL, body_start INTEGER NOT NULL,
          minhash BLOB, cluster_id TEXT,
          ingested_at TEXT NOT NULL,
          analysis TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
        CREATE INDEX IF NOT EXISTS documents_cluster ON documents(cluster_id) WHERE cluster_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS documents_external ON documents(external_id) WHERE external_id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS entities(
          key TEXT PRIMARY KEY, type TEXT NOT NULL, subtype TEXT, name TEXT NOT NULL, name_en TEXT,
          lat REAL, lon REAL, country TEXT);
        CREATE TABLE IF NOT EXISTS mentions(
          doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
          entity_key TEXT NOT NULL, local_id TEXT NOT NULL,
          start_at INTEGER NOT NULL, end_at INTEGER NOT NULL, text TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_key);
        CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_seq);
        CREATE TABLE IF NOT EXISTS times(
          doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
          start_at INTEGER NOT NULL, end_at INTEGER NOT NULL, text TEXT NOT NULL, value TEXT NOT NULL, anchor TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS times_doc ON times(doc_seq);
        CREATE TABLE IF NOT EXISTS doc_events(
          doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
          local_id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, modality TEXT NOT NULL,
          trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
          sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
          time TEXT, location_key TEXT, actor_keys TEXT NOT NULL, target_keys TEXT NOT NULL,
          participants INTEGER, fatalities INTEGER, injured INTEGER, geo_precision TEXT, context TEXT);
        CREATE INDEX IF NOT EXISTS doc_events_doc ON doc_events(doc_seq);
        CREATE INDEX IF NOT EXISTS doc_events_type ON doc_events(type, time);
        """;

    private const string MergedEventsSchema = """
        CREATE TABLE IF NOT EXISTS merged_events(
          id TEXT PRIMARY KEY, type TEXT NOT NULL, mode TEXT, date TEXT NOT NULL, location_key TEXT,
          actor_keys TEXT NOT NULL, target_keys TEXT NOT NULL, fatalities INTEGER, injured INTEGER, sources INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS merged_event_sources(
          event_id TEXT NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
          doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE, local_id TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS merged_event_sources_event ON merged_event_sources(event_id);
        
        """;
}
