using System.Globalization;
using System.Text.Json;
using Marsad.Store.Events;
using Npgsql;
using NpgsqlTypes;

namespace Marsad.Store.Postgres;

/// <summary>
/// The cross-document event merge on PostgreSQL, kept current by every ingest transaction: the same
/// <see cref="EventMerger"/> as the embedded archive, run under <see cref="PostgresArchive.ClusterLock"/>
/// (held to the commit), so concurrent writers merge one after the other and each sees the events the
/// others committed. A batch merges its own reports with the stored events they could join
/// (<see cref="MergeCandidates"/>), so its cost is its neighbourhood and not the archive; the end of an
/// ingest run (or a worker that finds the queue empty) merges everything once more
/// (<see cref="SettleEvents"/>), so at rest the stored events are exactly the full merge's, as in the embedded archive.
/// </summary>
public sealed partial class PostgresArchive
{
    private const int WindowDays = EventStore.DefaultWindowDays;

    /// <summary>Events longer than this many days (first to last report) are looked up by their own index (migration 005, which has the same figure).</summary>
    internal const int LongEventDays = 8;

    /// <summary>What the stored merge was made by (meta <c>merged_events</c>): another version or window merges everything again.</summary>
    internal static string MergeStamp => string.Create(CultureInfo.InvariantCulture, $"v{EventStore.Version}:{WindowDays}");

    /// <summary>What one merge did: events added, changed and removed (merged or deleted), and the reports merged again.</summary>
    internal sealed record MergeCounts(int Added, int Changed, int Removed, int Reports);

    /// <summary>
    /// Brings the merged events up to date with the documents <paramref name="touched"/> (stored or
    /// given a story cluster by this transaction). Call under <see cref="ClusterLock"/> after the clusters.
    /// </summary>
    internal static MergeCounts MergeEvents(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyCollection<long> touched)
    {
        string now;
        using (var cmd = new NpgsqlCommand("SELECT clock_timestamp()", c, tx))
            now = EventChanges.Stamp((DateTimeOffset)(DateTime)cmd.ExecuteScalar()!);
        var total = new MergeCounts(0, 0, 0, 0);
        string? stamp;
        using (var cmd = new NpgsqlCommand("SELECT value FROM meta WHERE key = 'merged_events'", c, tx))
            stamp = cmd.ExecuteScalar() as string;
        if (stamp != MergeStamp)
        {
            // A database merged by another version (or never): every report's day again, then everything.
            FillDays(c, tx);
            total = Remerge(c, tx, now);
            Exec(c, tx, "INSERT INTO meta(key, value) VALUES ('merged_events', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", MergeStamp);
            return total;
        }
        if (touched.Count == 0) return total;
        return MergeCandidates(c, tx, touched, now);
    }

    /// <summary>
    /// The incremental merge of one batch: the reports of the <paramref name="touched"/> documents merged
    /// again together with every stored event they could join, and those events' own reports. A stored event
    /// is a candidate when it holds a touched report, or when it is of a touched report's type, open on its
    /// day (it has a report within the window of it) and shares an actor, the report's country or place, or
    /// a story cluster with it; the merge decides among them as the full merge does (<see cref="EventMerger"/>).
    /// What this leaves out is the knock-on effect on events further away (an event that grew may have taken
    /// a report that a later event held): <see cref="SettleEvents"/>, run at the end of every ingest run and
    /// by a worker that finds the queue empty, merges everything again and makes the stored events exactly
    /// the full merge's. So the cost of a batch is its own neighbourhood, not every day it touches.
    /// </summary>
    private static MergeCounts MergeCandidates(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyCollection<long> touched, string now)
    {
        var seqs = touched.ToArray();
        var affected = LoadReports(c, tx, "ev.doc_seq = ANY($1)", new NpgsqlParameter { Value = seqs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        if (affected.Count == 0) return new MergeCounts(0, 0, 0, 0);
        var places = LoadPlaces(c, tx, affected);
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        void Collect(string sql, params object[] args)
        {
            using var cmd = new NpgsqlCommand(sql, c, tx);
            foreach (var a in args) cmd.Parameters.AddWithValue(a);
            using var r = cmd.ExecuteReader();
            while (r.Read()) candidates.Add(r.GetString(0));
        }
        // The events that hold the touched reports now (a document that joined a story cluster was merged before).
        Collect("SELECT DISTINCT event_id FROM merged_event_sources WHERE doc_seq = ANY($1)", seqs);
        // Open on the report's day, of its type, and sharing an actor, its country or its place. (An event that
        // holds a day within the window of a report's day has a report within the window of it: its reports
        // are never more than the window apart.)
        var keys = affected.Select(r => (r.Type, r.Date, Actors: JsonSerializer.Serialize(r.Actors.Order(StringComparer.Ordinal)),
            Place: r.MergePlace, Country: EventMerger.CountryOf(r.MergePlace, places))).Distinct().ToList();
        // Short events (at most LongEventDays long) end within [day - window, day + window + LongEventDays]; the
        // few longer ones have their own partial index (migration 005); "e.date - x.day" keeps the planner
        // off the date index, which would scan every earlier event.
        Collect($"""
            SELECT DISTINCT e.id
            FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[]) AS x(type, day, actors, place, country)
            CROSS JOIN LATERAL (SELECT ARRAY(SELECT jsonb_array_elements_text(x.actors::jsonb)) AS keys) xa
            CROSS JOIN LATERAL (
                SELECT e.id, e.actor_keys, e.location_key, e.country FROM merged_events e
                WHERE e.type = x.type AND e.last_date BETWEEN x.day - {WindowDays} AND x.day + {WindowDays + LongEventDays}
                  AND e.date <= x.day + {WindowDays}
                UNION ALL
                SELECT e.id, e.actor_keys, e.location_key, e.country FROM merged_events e
                WHERE e.type = x.type AND e.last_date - e.date > {LongEventDays} AND e.last_date > x.day + {WindowDays + LongEventDays}
                  AND e.date - x.day <= {WindowDays}) e
            WHERE e.actor_keys ?| xa.keys OR e.location_key = x.place OR e.country = x.country
            """, keys.Select(k => k.Type).ToArray(), keys.Select(k => k.Date).ToArray(), keys.Select(k => k.Actors).ToArray(),
            keys.Select(k => k.Place).ToArray(), keys.Select(k => k.Country).ToArray());
        // The events of the touched reports' types that hold a report of the same story cluster.
        var clusters = affected.Where(r => r.Cluster is not null).Select(r => r.Cluster!).Distinct(StringComparer.Ordinal).ToArray();
        if (clusters.Length > 0)
            Collect("""
                SELECT DISTINCT s.event_id FROM documents d JOIN merged_event_sources s ON s.doc_seq = d.seq JOIN merged_events e ON e.id = s.event_id
                WHERE d.cluster_id = ANY($1) AND e.type = ANY($2)
                """, clusters, affected.Select(r => r.Type).Distinct(StringComparer.Ordinal).ToArray());
        var ids = candidates.ToArray();
        var reports = affected;
        if (ids.Length > 0)
        {
            var have = affected.Select(r => (r.DocSeq, r.LocalId)).ToHashSet();
            var held = LoadReports(c, tx, "(ev.doc_seq, ev.local_id) IN (SELECT doc_seq, local_id FROM merged_event_sources WHERE event_id = ANY($1))",
                new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            reports = [.. affected, .. held.Where(r => !have.Contains((r.DocSeq, r.LocalId)))];
            foreach (var (k, v) in LoadPlaces(c, tx, held)) places.TryAdd(k, v);
        }
        var previous = ids.Length == 0 ? new Dictionary<string, EventChanges.Previous>(StringComparer.Ordinal)
            : LoadPrevious(c, tx, "WHERE id = ANY($1)", new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return Write(c, tx, EventMerger.Merge(reports, places, WindowDays, previous, now), previous, now);
    }

    /// <summary>
    /// Makes the stored merged events exactly the merge of every stored report (what the embedded archive
    /// stores after an ingest), in one transaction under <see cref="ClusterLock"/>; only what differs is written.
    /// </summary>
    public void SettleEvents()
    {
        using var c = _db.OpenConnection();
        using var tx = c.BeginTransaction();
        using (var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", c, tx))
        {
            cmd.Parameters.AddWithValue(ClusterLock);
            cmd.ExecuteNonQuery();
        }
        string now;
        using (var cmd = new NpgsqlCommand("SELECT clock_timestamp()", c, tx))
            now = EventChanges.Stamp((DateTimeOffset)(DateTime)cmd.ExecuteScalar()!);
        var m = Remerge(c, tx, now);
        if (m.Added + m.Changed + m.Removed > 0)
            using (var cmd = new NpgsqlCommand("UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'change_counter'", c, tx))
                cmd.ExecuteNonQuery();
        tx.Commit();
    }

    private static DateOnly LastDay(MergedRow r) => r.Reports.Max(x => x.Date);

    /// <summary>Merges every stored report again and stores what differs from the stored events.</summary>
    private static MergeCounts Remerge(NpgsqlConnection c, NpgsqlTransaction tx, string now)
    {
        var reports = LoadReports(c, tx, "TRUE");
        var places = LoadPlaces(c, tx, reports);
        var previous = LoadPrevious(c, tx, "ORDER BY date, id");
        return Write(c, tx, EventMerger.Merge(reports, places, WindowDays, previous, now), previous, now);
    }

    /// <summary>The stored merged events (those <paramref name="where"/>, a WHERE or ORDER BY clause, selects), as the merge compares them.</summary>
    private static Dictionary<string, EventChanges.Previous> LoadPrevious(NpgsqlConnection c, NpgsqlTransaction tx, string where, params NpgsqlParameter[] args)
    {
        var previous = new Dictionary<string, EventChanges.Previous>(StringComparer.Ordinal);
        using var cmd = new NpgsqlCommand($"SELECT id, fingerprint, first_report, updated_at FROM merged_events {where}", c, tx);
        cmd.Parameters.AddRange(args);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            previous[r.GetString(0)] = new EventChanges.Previous(r.GetString(1), r.GetString(2), EventChanges.Stamp(r.GetFieldValue<DateTimeOffset>(3)));
        return previous;
    }

    /// <summary>The asserted, dated reports that <paramref name="where"/> (over <c>doc_events ev</c>) selects, in merge-load order.</summary>
    private static List<EventReport> LoadReports(NpgsqlConnection c, NpgsqlTransaction tx, string where, params NpgsqlParameter[] args)
    {
        var reports = new List<EventReport>();
        using var cmd = new NpgsqlCommand($"""
            SELECT ev.doc_seq, d.cluster_id, ev.local_id, ev.type, ev.mode, ev.time, ev.day,
                   ev.location_key, ev.actor_keys::text, ev.target_keys::text, ev.fatalities, ev.injured, ev.geo_precision, d.id, ev.context
            FROM doc_events ev JOIN documents d ON d.seq = ev.doc_seq
            WHERE ev.modality = 'asserted' AND ev.day IS NOT NULL AND {where}
            ORDER BY ev.doc_seq, ev.trigger_start, ev.ord, ev.local_id
            """, c, tx);
        cmd.Parameters.AddRange(args);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            reports.Add(new EventReport
            {
                DocSeq = r.GetInt64(0), Cluster = Str(r, 1), LocalId = r.GetString(2), Type = r.GetString(3), Mode = Str(r, 4), Time = Str(r, 5),
                Date = r.GetFieldValue<DateOnly>(6), LocationKey = Str(r, 7), Actors = Keys(r.GetString(8)), Targets = Keys(r.GetString(9)),
                Fatalities = r.IsDBNull(10) ? null : r.GetInt64(10), Injured = r.IsDBNull(11) ? null : r.GetInt64(11),
                GeoPrecision = Str(r, 12), DocId = r.GetString(13), Context = Str(r, 14), Order = reports.Count,
            });
        return reports;
    }

    private static List<string> Keys(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    /// <summary>The entities the reports name (places, actors, targets): names, countries and coordinates.</summary>
    private static Dictionary<string, EventPlace> LoadPlaces(NpgsqlConnection c, NpgsqlTransaction tx, List<EventReport> reports)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in reports)
        {
            if (r.LocationKey is not null) keys.Add(r.LocationKey);
            keys.UnionWith(r.Actors);
            keys.UnionWith(r.Targets);
        }
        var places = new Dictionary<string, EventPlace>(StringComparer.Ordinal);
        if (keys.Count == 0) return places;
        using var cmd = new NpgsqlCommand("SELECT key, name, country, lat, lon, subtype FROM entities WHERE key = ANY($1)", c, tx);
        cmd.Parameters.AddWithValue(keys.ToArray());
        using var rd = cmd.ExecuteReader();
        while (rd.Read())
            places[rd.GetString(0)] = new EventPlace(rd.GetString(0), rd.GetString(1), Str(rd, 2),
                rd.IsDBNull(3) ? null : rd.GetDouble(3), rd.IsDBNull(4) ? null : rd.GetDouble(4), Str(rd, 5));
        return places;
    }

    /// <summary>
    /// Stores a merge: events gone or changed are deleted (their sources with them), new and changed
    /// ones inserted with their sources in merge order, unchanged ones stay; the changes are logged at <paramref name="now"/>.
    /// </summary>
    private static MergeCounts Write(NpgsqlConnection c, NpgsqlTransaction tx, MergeOutcome outcome, Dictionary<string, EventChanges.Previous> previous, string now)
    {
        var write = outcome.Rows.Where(r => !previous.TryGetValue(r.Event.Id, out var old) || old.Fingerprint != r.Fingerprint).ToList();
        var current = outcome.Rows.Select(r => r.Event.Id).ToHashSet(StringComparer.Ordinal);
        var rewritten = write.Select(r => r.Event.Id).ToHashSet(StringComparer.Ordinal);
        var drop = previous.Keys.Where(id => !current.Contains(id) || rewritten.Contains(id)).ToArray();
        if (drop.Length > 0) Exec(c, tx, "DELETE FROM merged_events WHERE id = ANY($1)", (object)drop);
        if (write.Count > 0)
        {
            using var batch = new NpgsqlBatch(c, tx);
            var at = DateTimeOffset.ParseExact(now, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            foreach (var row in write)
            {
                var v = row.Values;
                var cmd = new NpgsqlBatchCommand("""
                    INSERT INTO merged_events(id, type, mode, date, location_key, actor_keys, target_keys, fatalities, injured, sources,
                                              country, location_name, lat, lon, location_subtype, geo_precision, actor_names, target_names, reports,
                                              time_precision, context, first_report, fingerprint, updated_at, last_date)
                    VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18::jsonb, $19,
                            $20, $21, $22, $23, $24, $25)
                    """);
                var p = cmd.Parameters;
                p.Add(Param((string)v[0]!, NpgsqlDbType.Text));
                p.Add(Param((string)v[1]!, NpgsqlDbType.Text));
                p.Add(Param(v[2] as string, NpgsqlDbType.Text));
                p.Add(Param(DateOnly.ParseExact((string)v[3]!, "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date));
                p.Add(Param(v[4] as string, NpgsqlDbType.Text));
                p.Add(Param((string)v[5]!, NpgsqlDbType.Text));
                p.Add(Param((string)v[6]!, NpgsqlDbType.Text));
                p.Add(Param((long?)v[7], NpgsqlDbType.Bigint));
                p.Add(Param((long?)v[8], NpgsqlDbType.Bigint));
                p.Add(Param((int)v[9]!, NpgsqlDbType.Integer));
                p.Add(Param(v[10] as string, NpgsqlDbType.Text));
                p.Add(Param(v[11] as string, NpgsqlDbType.Text));
                p.Add(Param((double?)v[12], NpgsqlDbType.Double));
                p.Add(Param((double?)v[13], NpgsqlDbType.Double));
                p.Add(Param(v[14] as string, NpgsqlDbType.Text));
                p.Add(Param(v[15] as string, NpgsqlDbType.Text));
                p.Add(Param((string)v[16]!, NpgsqlDbType.Text));
                p.Add(Param((string)v[17]!, NpgsqlDbType.Text));
                p.Add(Param((int)v[18]!, NpgsqlDbType.Integer));
                p.Add(Param((int)v[19]!, NpgsqlDbType.Integer));
                p.Add(Param(v[20] as string, NpgsqlDbType.Text));
                p.Add(Param((string)v[21]!, NpgsqlDbType.Text));
                p.Add(Param(row.Fingerprint, NpgsqlDbType.Text));
                p.Add(Param(row.Event.UpdatedAt == now ? at : DateTimeOffset.ParseExact(row.Event.UpdatedAt!, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'",
                    CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), NpgsqlDbType.TimestampTz));
                p.Add(Param(LastDay(row), NpgsqlDbType.Date));
                batch.BatchCommands.Add(cmd);
            }
            var sources = write.SelectMany(r => r.Reports.Select((x, i) => (r.Event.Id, x.DocSeq, x.LocalId, Position: i))).ToList();
            batch.BatchCommands.Add(Command("""
                INSERT INTO merged_event_sources(event_id, doc_seq, local_id, position)
                SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::int[])
                """, sources.Select(s => s.Id).ToArray(), sources.Select(s => s.DocSeq).ToArray(), sources.Select(s => s.LocalId).ToArray(),
                sources.Select(s => s.Position).ToArray()));
            batch.ExecuteNonQuery();
        }
        if (outcome.Changes.Count > 0)
        {
            var ch = outcome.Changes;
            Exec(c, tx, """
                INSERT INTO event_changes(event_id, change, merged_into, at)
                SELECT e, k, m, $4 FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS x(e, k, m, n) ORDER BY n
                """, ch.Select(x => x.Id).ToArray(), ch.Select(x => x.Change).ToArray(), ch.Select(x => x.MergedInto).ToArray(),
                DateTimeOffset.ParseExact(now, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        }
        return new MergeCounts(
            outcome.Changes.Count(x => x.Change == EventChanges.Added), outcome.Changes.Count(x => x.Change == EventChanges.Changed),
            outcome.Changes.Count(x => x.Change is EventChanges.Merged or EventChanges.Deleted), outcome.Rows.Sum(r => r.Reports.Count));
    }

    /// <summary>The merge day of every event mention: <see cref="EventMerger.EventDay"/> of its time and the document's date.</summary>
    private static void FillDays(NpgsqlConnection c, NpgsqlTransaction tx)
    {
        var seqs = new List<long>();
        var locals = new List<string>();
        var days = new List<DateOnly?>();
        using (var cmd = new NpgsqlCommand(
            "SELECT ev.doc_seq, ev.local_id, ev.time, d.published FROM doc_events ev JOIN documents d ON d.seq = ev.doc_seq", c, tx))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                seqs.Add(r.GetInt64(0));
                locals.Add(r.GetString(1));
                days.Add(EventMerger.EventDay(Str(r, 2), r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3)));
            }
        if (seqs.Count == 0) return;
        Exec(c, tx, """
            UPDATE doc_events ev SET day = x.day FROM unnest($1::bigint[], $2::text[], $3::date[]) AS x(seq, local, day)
            WHERE ev.doc_seq = x.seq AND ev.local_id = x.local AND ev.day IS DISTINCT FROM x.day
            """, seqs.ToArray(), locals.ToArray(), days.ToArray());
    }
}
