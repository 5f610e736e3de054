using System.Globalization;
using System.Text.Json;
using Marsad.Store.Sql;
using Microsoft.Data.Sqlite;

namespace Marsad.Store.Events;

/// <summary>
/// Cross-document event merging over the archive's event mentions (<c>doc_events</c>, asserted only),
/// stored in <c>merged_events</c> and <c>merged_event_sources</c>. The merge runs once after each
/// ingest (<see cref="MarsadArchive.Ingest(IEnumerable{Ingest.IngestItem}, IngestOptions?, IProgress{IngestProgress}?, Ingest.ReadProgress?, CancellationToken)"/>);
/// readers (<see cref="Load"/>, <see cref="Indicators(MergedEventFilter)"/>) read the stored rows and
/// rebuild only when the archive changed since (an archive from an older version). What merges with
/// what is <see cref="EventMerger"/>'s (shared with the PostgreSQL archive); this part loads and stores.
/// </summary>
public sealed partial class EventStore
{
    /// <summary>Reports of one event are at most this many days apart.</summary>
    public const int DefaultWindowDays = 3;

    /// <summary>Bumped when the merge rules or the stored columns change: stored merges of older versions are rebuilt.</summary>
    internal const string Version = "3";

    private readonly ArchiveDatabase _db;

    private EventStore(ArchiveDatabase db) => _db = db;

    internal ArchiveDatabase Database => _db;

    /// <summary>The event store of an open archive, on the archive's own database (no schema work again).</summary>
    internal static EventStore Open(MarsadArchive archive) => new(archive.Database);

    internal static EventStore Open(ArchiveDatabase db) => new(db);

    /// <summary>
    /// The event store of the archive in <paramref name="dataDir"/> without opening its search index
    /// (what <c>events</c> and <c>indicators</c> need). Throws when there is no archive there.
    /// </summary>
    internal static EventStore OpenData(string dataDir)
    {
        var path = Path.Combine(dataDir, "marsad.db");
        if (!File.Exists(path)) throw new FileNotFoundException($"no archive in {dataDir}", path);
        return new(new ArchiveDatabase(path));
    }

    /// <summary>What the stored merge was built from: documents, last document and window.</summary>
    private static string Stamp(SqliteConnection c, int windowDays)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*), coalesce(max(seq), 0) FROM documents";
        using var r = cmd.ExecuteReader();
        r.Read();
        return string.Create(CultureInfo.InvariantCulture, $"v{Version}:{r.GetInt64(0)}:{r.GetInt64(1)}:{windowDays}");
    }

    /// <summary>The stored merge matches the archive as it is now.</summary>
    public bool IsCurrent(int windowDays = DefaultWindowDays)
    {
        using var c = _db.Open();
        return _db.GetMeta("merged_events") == Stamp(c, windowDays);
    }

    /// <summary>Merges every asserted event report of the archive, stores the result and returns it (oldest first).</summary>
    public List<MergedEvent> Build(int windowDays = DefaultWindowDays)
    {
        using var c = _db.Open();
        var places = LoadPlaces(c);
        var reports = LoadReports(c);
        using var tx = c.BeginTransaction();
        var previous = EventChanges.LoadPrevious(c, tx);
        string now = EventChanges.Stamp(DateTimeOffset.UtcNow);
        var outcome = EventMerger.Merge(reports, places, windowDays, previous, now);
        ArchiveDatabase.Exec(c, "DELETE FROM merged_event_sources; DELETE FROM merged_events;", tx);
        EventChanges.Write(c, tx, outcome.Changes, now);
        using var ins = c.CreateCommand();
        ins.Transaction = tx;
        ins.CommandText = """
            INSERT INTO merged_events(id, type, mode, date, location_key, actor_keys, target_keys, fatalities, injured, sources,
                                      country, location_name, lat, lon, location_subtype, geo_precision, actor_names, target_names, reports,
                                      time_precision, context, first_report, fingerprint, updated_at)
            VALUES ($id,$t,$m,$d,$l,$a,$g,$f,$i,$s,$c,$ln,$lat,$lon,$ls,$gp,$an,$tn,$r,$tp,$ctx,$fr,$fp,$up)
            """;
        foreach (var p in new[] { "$id", "$t", "$m", "$d", "$l", "$a", "$g", "$f", "$i", "$s", "$c", "$ln", "$lat", "$lon", "$ls", "$gp", "$an", "$tn", "$r", "$tp", "$ctx", "$fr", "$fp", "$up" })
            ins.Parameters.Add(new SqliteParameter(p, null));
        using var src = c.CreateCommand();
        src.Transaction = tx;
        src.CommandText = "INSERT INTO merged_event_sources(event_id, doc_seq, local_id) VALUES ($id, $doc, $local)";
        foreach (var p in new[] { "$id", "$doc", "$local" }) src.Parameters.Add(new SqliteParameter(p, null));
        var result = new List<MergedEvent>(outcome.Rows.Count);
        foreach (var row in outcome.Rows)
        {
            var ev = row.Event;
            result.Add(ev);
            object?[] all = [.. row.Values, row.Fingerprint, ev.UpdatedAt];
            for (int k = 0; k < all.Length; k++) ins.Parameters[k].Value = all[k] ?? DBNull.Value;
            ins.ExecuteNonQuery();
            foreach (var x in row.Reports)
            {
                src.Parameters[0].Value = ev.Id;
                src.Parameters[1].Value = x.DocSeq;
                src.Parameters[2].Value = x.LocalId;
                src.ExecuteNonQuery();
            }
        }
        tx.Commit();
        _db.SetMeta("merged_events", Stamp(c, windowDays));
        return result;
    }

    /// <summary>Every asserted event report that can be placed in time, in document and trigger order.</summary>
    private static List<EventReport> LoadReports(SqliteConnection c)
    {
        var reports = new List<EventReport>();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT ev.doc_seq, d.cluster_id, ev.local_id, ev.type, ev.mode, ev.time, d.published,
                   ev.location_key, ev.actor_keys, ev.target_keys, ev.fatalities, ev.injured, ev.geo_precision, d.id, ev.context
            FROM doc_events ev JOIN documents d ON d.seq = ev.doc_seq
            WHERE ev.modality = 'asserted'
            ORDER BY d.seq, ev.trigger_start
            """;
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var date = EventMerger.EventDay(Str(r, 5), EventMerger.DayOf(Str(r, 6)));
            if (date is null) continue; // an event with no date at all cannot be placed in time
            reports.Add(new EventReport
            {
                DocSeq = r.GetInt64(0), Cluster = Str(r, 1), LocalId = r.GetString(2), Type = r.GetString(3), Mode = Str(r, 4),
                Date = date.Value, LocationKey = Str(r, 7), Actors = Keys(r.GetString(8)), Targets = Keys(r.GetString(9)),
                Fatalities = r.IsDBNull(10) ? null : r.GetInt64(10), Injured = r.IsDBNull(11) ? null : r.GetInt64(11),
                GeoPrecision = Str(r, 12), DocId = r.GetString(13), Context = Str(r, 14), Time = Str(r, 5), Order = reports.Count,
            });
        }
        return reports;
    }

    private static Dictionary<string, EventPlace> LoadPlaces(SqliteConnection c)
    {
        var names = new Dictionary<string, EventPlace>(StringComparer.Ordinal);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT key, name, country, lat, lon, subtype FROM entities";
        using var r = cmd.ExecuteReader();
        while (r.Read())
            names[r.GetString(0)] = new EventPlace(r.GetString(0), r.GetString(1), Str(r, 2),
                r.IsDBNull(3) ? null : r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4), Str(r, 5));
        return names;
    }
}
