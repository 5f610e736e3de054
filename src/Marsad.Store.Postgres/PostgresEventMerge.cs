using System.Globalization;
using System.Text.Json;
using Marsad.Store.Events;
using Npgsql;
using NpgsqlTypes;

namespace Marsad.Store.Postgres;

/// <summary>
/// The cross-document event merge on PostgreSQL, kept current by every ingest transaction: the same
/// <see cref="EventMerger"/> as the embedded archive, run over the span of days a batch touches
/// instead of the whole archive, under <see cref="PostgresArchive.ClusterLock"/> (held to the commit),
/// so concurrent writers merge one after the other and each sees the events the others committed.
/// <para>
/// Why a span gives the embedded archive's events: types merge apart, and an event takes no report
/// more than the window after its last one. So for one type, a day C such that every stored event
/// begun before C ended more than the window before C is a clean cut: the merge of the reports from
/// C on starts with no open event, whatever came before. The span runs from such a C at or before the
/// batch's first day to an E after its last day that is a clean cut in the stored merge and in the
/// new one; the events begun in [C, E) are merged again from their reports and compared with the
/// stored ones (the changes feed), the rest stays as it is.
/// </para>
/// </summary>
public sealed partial class PostgresArchive
{
    private const int WindowDays = EventStore.DefaultWindowDays;

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
            total = Remerge(c, tx, null, DateOnly.MinValue, DateOnly.MaxValue, now);
            Exec(c, tx, "INSERT INTO meta(key, value) VALUES ('merged_events', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", MergeStamp);
            return total;
        }
        if (touched.Count == 0) return total;
        var spans = new List<(string Type, DateOnly From, DateOnly To)>();
        using (var cmd = new NpgsqlCommand("""
            SELECT type, min(day), max(day) FROM doc_events
            WHERE doc_seq = ANY($1) AND modality = 'asserted' AND day IS NOT NULL GROUP BY type ORDER BY type
            """, c, tx))
        {
            cmd.Parameters.AddWithValue(touched.ToArray());
            using var r = cmd.ExecuteReader();
            while (r.Read()) spans.Add((r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetFieldValue<DateOnly>(2)));
        }
        foreach (var (type, from, to) in spans)
        {
            var m = MergeSpan(c, tx, type, from, to, now);
            total = new MergeCounts(total.Added + m.Added, total.Changed + m.Changed, total.Removed + m.Removed, total.Reports + m.Reports);
        }
        return total;
    }

    /// <summary>Merges the reports of <paramref name="type"/> again from a clean cut at or before <paramref name="first"/> to one after <paramref name="last"/>.</summary>
    private static MergeCounts MergeSpan(NpgsqlConnection c, NpgsqlTransaction tx, string type, DateOnly first, DateOnly last, string now)
    {
        // C: back while a stored event begun before C is still open at C.
        var from = first;
        while (true)
        {
            using var cmd = new NpgsqlCommand("SELECT min(date) FROM merged_events WHERE type = $1 AND date < $2 AND last_date >= $3", c, tx);
            cmd.Parameters.AddWithValue(type);
            cmd.Parameters.AddWithValue(from);
            cmd.Parameters.AddWithValue(from.AddDays(-WindowDays));
            if (cmd.ExecuteScalar() is not DateOnly earlier) break;
            from = earlier;
        }
        // E: forward until neither the stored merge nor the new one has an event begun before E and open at E.
        var to = Later(last, WindowDays + 1);
        while (true)
        {
            using (var cmd = new NpgsqlCommand("SELECT max(last_date) FROM merged_events WHERE type = $1 AND date >= $2 AND date < $3 AND last_date >= $4", c, tx))
            {
                cmd.Parameters.AddWithValue(type);
                cmd.Parameters.AddWithValue(from);
                cmd.Parameters.AddWithValue(to);
                cmd.Parameters.AddWithValue(to.AddDays(-WindowDays));
                if (cmd.ExecuteScalar() is DateOnly open) { to = Later(open, WindowDays + 1); continue; }
            }
            var (outcome, previous) = Compute(c, tx, type, from, to, now);
            var end = outcome.Rows.Count == 0 ? DateOnly.MinValue : outcome.Rows.Max(r => LastDay(r));
            if (to != DateOnly.MaxValue && end >= to.AddDays(-WindowDays)) { to = Later(end, WindowDays + 1); continue; }
            return Write(c, tx, outcome, previous, now);
        }
    }

    private static DateOnly Later(DateOnly d, int days) => d.DayNumber + days > DateOnly.MaxValue.DayNumber ? DateOnly.MaxValue : d.AddDays(days);

    private static DateOnly LastDay(MergedRow r) => r.Reports.Max(x => x.Date);

    /// <summary>Merges everything in [<paramref name="from"/>, <paramref name="to"/>) (of one type, or all) again and stores it.</summary>
    private static MergeCounts Remerge(NpgsqlConnection c, NpgsqlTransaction tx, string? type, DateOnly from, DateOnly to, string now)
    {
        var (outcome, previous) = Compute(c, tx, type, from, to, now);
        return Write(c, tx, outcome, previous, now);
    }

    /// <summary>The merge of the reports in the span, against the stored events begun in it.</summary>
    private static (MergeOutcome Outcome, Dictionary<string, EventChanges.Previous> Previous) Compute(NpgsqlConnection c, NpgsqlTransaction tx,
        string? type, DateOnly from, DateOnly to, string now)
    {
        var reports = LoadReports(c, tx, type, from, to);
        var places = LoadPlaces(c, tx, reports);
        var previous = new Dictionary<string, EventChanges.Previous>(StringComparer.Ordinal);
        using (var cmd = new NpgsqlCommand("""
            SELECT id, fingerprint, first_report, updated_at FROM merged_events
            WHERE ($1::text IS NULL OR type = $1) AND date >= $2 AND date < $3 ORDER BY date, id
            """, c, tx))
        {
            cmd.Parameters.Add(Param(type, NpgsqlDbType.Text));
            cmd.Parameters.AddWithValue(from);
            cmd.Parameters.AddWithValue(to);
            using var r = cmd.ExecuteReader();
            while (r.Read())
                previous[r.GetString(0)] = new EventChanges.Previous(r.GetString(1), r.GetString(2), EventChanges.Stamp(r.GetFieldValue<DateTimeOffset>(3)));
        }
        return (EventMerger.Merge(reports, places, WindowDays, previous, now), previous);
    }

    private static List<EventReport> LoadReports(NpgsqlConnection c, NpgsqlTransaction tx, string? type, DateOnly from, DateOnly to)
    {
        var reports = new List<EventReport>();
        using var cmd = new NpgsqlCommand("""
            SELECT ev.doc_seq, d.cluster_id, ev.local_id, ev.type, ev.mode, ev.time, ev.day,
                   ev.location_key, ev.actor_keys::text, ev.target_keys::text, ev.fatalities, ev.injured, ev.geo_precision, d.id, ev.context
            FROM doc_events ev JOIN documents d ON d.seq = ev.doc_seq
            WHERE ev.modality = 'asserted' AND ev.day IS NOT NULL AND ($1::text IS NULL OR ev.type = $1) AND ev.day >= $2 AND ev.day < $3
            ORDER BY ev.doc_seq, ev.trigger_start, ev.ord, ev.local_id
            """, c, tx);
        cmd.Parameters.Add(Param(type, NpgsqlDbType.Text));
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue(to);
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
