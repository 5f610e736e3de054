using System.Globalization;
using System.Text.Json;
using Marsad.Text;
using Microsoft.Data.Sqlite;

namespace Marsad.Store.Events;

/// <summary>The embedded archive's merged events: reading, filtering, counting and paging the stored rows (SQLite).</summary>
public sealed partial class EventStore
{
    /// <summary>
    /// The stored merged events passing <paramref name="f"/> (oldest first), without their sources
    /// (<see cref="LoadSources"/> adds them). Rebuilds first when the archive changed since the last
    /// merge or another window is asked for.
    /// </summary>
    /// <param name="newest">Only the newest this many events (still returned oldest first).</param>
    public List<MergedEvent> Load(MergedEventFilter f, int windowDays = DefaultWindowDays, int? newest = null)
    {
        if (!IsCurrent(windowDays))
        {
            var all = Filter(Build(windowDays), f).ToList();
            return newest is int n && n < all.Count ? all.GetRange(all.Count - n, n) : all;
        }
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        var sql = new System.Text.StringBuilder($"SELECT {Columns} FROM merged_events");
        Where(c, cmd, sql, f);
        sql.Append(newest is null ? " ORDER BY date, id" : " ORDER BY date DESC, id DESC LIMIT $limit");
        if (newest is int limit) cmd.Parameters.AddWithValue("$limit", Math.Max(0, limit));
        cmd.CommandText = sql.ToString();
        var list = Read(cmd);
        if (newest is not null) list.Reverse();
        return list;
    }

    private const string Columns = """
        id, type, mode, date, location_key, location_name, country, lat, lon, location_subtype,
        actor_keys, actor_names, target_keys, target_names, fatalities, injured, reports, sources, geo_precision,
        time_precision, updated_at, context
        """;

    /// <summary>Stored merged events from a query over <see cref="Columns"/>, without sources.</summary>
    private static List<MergedEvent> Read(SqliteCommand cmd)
    {
        var list = new List<MergedEvent>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add(new MergedEvent(r.GetString(0), r.GetString(1), Str(r, 2), r.GetString(3), Str(r, 4), Str(r, 5), Str(r, 6),
                r.IsDBNull(7) ? null : r.GetDouble(7), r.IsDBNull(8) ? null : r.GetDouble(8), Str(r, 9),
                Keys(r.GetString(10)), Keys(Str(r, 11) ?? "[]"), Keys(r.GetString(12)), Keys(Str(r, 13) ?? "[]"),
                r.IsDBNull(14) ? null : r.GetInt64(14), r.IsDBNull(15) ? null : r.GetInt64(15), [])
            {
                Reports = r.IsDBNull(16) ? 0 : r.GetInt32(16), Documents = r.GetInt32(17), GeoPrecision = Str(r, 18),
                TimePrecision = r.IsDBNull(19) ? 1 : r.GetInt32(19), UpdatedAt = Str(r, 20), Context = Str(r, 21),
            });
        return list;
    }

    /// <summary>The WHERE clause of <paramref name="f"/>; an actor is matched by a function over the stored keys and names.</summary>
    // Columns named with their table: the count by actor joins json_each, whose own columns include "type".
    private static void Where(SqliteConnection c, SqliteCommand cmd, System.Text.StringBuilder sql, MergedEventFilter f)
    {
        sql.Append(" WHERE 1 = 1");
        if (f.Type is not null) { sql.Append(" AND merged_events.type = $type"); cmd.Parameters.AddWithValue("$type", f.Type.ToUpperInvariant()); }
        if (f.Country is not null) { sql.Append(" AND merged_events.country = $country"); cmd.Parameters.AddWithValue("$country", f.Country.ToUpperInvariant()); }
        if (f.From is { } from) { sql.Append(" AND merged_events.date >= $from"); cmd.Parameters.AddWithValue("$from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); }
        if (f.To is { } to) { sql.Append(" AND merged_events.date <= $to"); cmd.Parameters.AddWithValue("$to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); }
        if (f.UpdatedSince is { } since) { sql.Append(" AND merged_events.updated_at >= $since"); cmd.Parameters.AddWithValue("$since", EventChanges.Stamp(since)); }
        if (f.Actor is { } actor)
        {
            string norm = Norm(actor);
            c.CreateFunction("marsad_actor", (string keys, string? names) =>
                Keys(keys).Concat(Keys(names ?? "[]")).Any(a => a == actor || Norm(a).Contains(norm, StringComparison.Ordinal)));
            sql.Append(" AND marsad_actor(merged_events.actor_keys, merged_events.actor_names)");
        }
    }

    /// <summary>
    /// The newest stored merged events (at most <paramref name="limit"/>, newest first, without sources) in which
    /// the entity <paramref name="key"/> takes part: as actor, target or place.
    /// </summary>
    public List<MergedEvent> Involving(string key, int limit, int offset = 0, int windowDays = DefaultWindowDays)
    {
        if (!IsCurrent(windowDays)) Build(windowDays);
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {Columns} FROM merged_events WHERE {InvolvingWhere} ORDER BY date DESC, id DESC LIMIT $limit OFFSET $offset";
        cmd.Parameters.AddWithValue("$key", key);
        cmd.Parameters.AddWithValue("$limit", Math.Max(0, limit));
        cmd.Parameters.AddWithValue("$offset", Math.Max(0, offset));
        return Read(cmd);
    }

    /// <summary>How many merged events <paramref name="key"/> takes part in (as actor, target or place).</summary>
    public int CountInvolving(string key, int windowDays = DefaultWindowDays)
    {
        if (!IsCurrent(windowDays)) Build(windowDays);
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM merged_events WHERE {InvolvingWhere}";
        cmd.Parameters.AddWithValue("$key", key);
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private const string InvolvingWhere = """
        (location_key = $key
           OR EXISTS (SELECT 1 FROM json_each(merged_events.actor_keys) WHERE value = $key)
           OR EXISTS (SELECT 1 FROM json_each(merged_events.target_keys) WHERE value = $key))
        """;

    /// <summary>How many stored merged events pass <paramref name="f"/>, and how many reports they merge.</summary>
    public (int Events, long Reports) Count(MergedEventFilter f, int windowDays = DefaultWindowDays)
    {
        if (!IsCurrent(windowDays)) Build(windowDays);
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        var sql = new System.Text.StringBuilder("SELECT count(*), coalesce(sum(reports), 0) FROM merged_events");
        Where(c, cmd, sql, f);
        cmd.CommandText = sql.ToString();
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt32(0), r.GetInt64(1));
    }

    /// <summary>
    /// <see cref="Indicators(IEnumerable{MergedEvent}, string)"/> computed by SQLite over the stored
    /// merged events (no event is loaded): rows, and the events and reports counted.
    /// </summary>
    public (List<IndicatorRow> Rows, int Events, long Reports) Indicators(MergedEventFilter f, string by, int windowDays = DefaultWindowDays)
    {
        if (by is not ("type" or "country" or "actor" or "month"))
            throw new ArgumentException($"cannot count by '{by}' (type, country, actor or month)", nameof(by));
        var (events, reports) = Count(f, windowDays);
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        var sql = new System.Text.StringBuilder(by switch
        {
            "type" => "SELECT type, type, count(*), coalesce(sum(fatalities), 0), coalesce(sum(reports), 0) FROM merged_events",
            "country" => "SELECT coalesce(country, '-'), coalesce(country, 'unknown'), count(*), coalesce(sum(fatalities), 0), coalesce(sum(reports), 0) FROM merged_events",
            "month" => "SELECT substr(date, 1, 7), substr(date, 1, 7), count(*), coalesce(sum(fatalities), 0), coalesce(sum(reports), 0) FROM merged_events",
            _ => """
                SELECT coalesce(a.value, '-'), coalesce(json_extract(merged_events.actor_names, '$[' || a.key || ']'), a.value, 'unknown'),
                       count(*), coalesce(sum(fatalities), 0), coalesce(sum(reports), 0)
                FROM merged_events LEFT JOIN json_each(merged_events.actor_keys) a
                """,
        });
        Where(c, cmd, sql, f);
        sql.Append(by == "actor" ? " GROUP BY 1" : " GROUP BY 1, 2");
        cmd.CommandText = sql.ToString();
        var rows = new List<IndicatorRow>();
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                rows.Add(new IndicatorRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)));
        rows = rows.OrderByDescending(x => by == "month" ? 0 : x.Events).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
        return (rows, events, reports);
    }

    /// <summary>
    /// Fills <see cref="MergedEvent.Sources"/> of <paramref name="events"/> (stored events, e.g. from
    /// <see cref="Load"/>): each report's document, title, trigger and sentence.
    /// </summary>
    public void LoadSources(IReadOnlyList<MergedEvent> events)
    {
        if (events.Count == 0) return;
        var byId = new Dictionary<string, MergedEvent>(StringComparer.Ordinal);
        foreach (var e in events) { e.Sources.Clear(); byId[e.Id] = e; }
        using var c = _db.Open();
        // Ids are bound in chunks well under SQLite's parameter limit.
        var ids = byId.Keys.ToList();
        for (int at = 0; at < ids.Count; at += 500)
        {
            using var cmd = c.CreateCommand();
            var chunk = ids.GetRange(at, Math.Min(500, ids.Count - at));
            var names = chunk.Select((id, i) => { cmd.Parameters.AddWithValue("$e" + i.ToString(CultureInfo.InvariantCulture), id); return "$e" + i.ToString(CultureInfo.InvariantCulture); });
            cmd.CommandText = $"""
                SELECT s.event_id, d.id, d.title, d.source, d.url, ev.local_id, ev.trigger_text,
                       substr(d.text, ev.sentence_start + 1, ev.sentence_end - ev.sentence_start),
                       d.outlet, d.published, ev.trigger_start, ev.trigger_end, ev.sentence_start, ev.sentence_end, ev.context
                FROM merged_event_sources s
                JOIN documents d ON d.seq = s.doc_seq
                JOIN doc_events ev ON ev.doc_seq = s.doc_seq AND ev.local_id = s.local_id
                WHERE s.event_id IN ({string.Join(",", names)})
                ORDER BY s.rowid
                """;
            using var r = cmd.ExecuteReader();
            while (r.Read())
                byId[r.GetString(0)].Sources.Add(new EventSource(r.GetString(1), r.GetString(2), Str(r, 3), Str(r, 4), r.GetString(5), r.GetString(6), Str(r, 7) ?? "")
                {
                    Outlet = Str(r, 8), Published = Str(r, 9) is { Length: >= 10 } p ? p[..10] : Str(r, 9),
                    TriggerStart = r.GetInt32(10), TriggerEnd = r.GetInt32(11), SentenceStart = r.GetInt32(12), SentenceEnd = r.GetInt32(13), Context = Str(r, 14),
                });
        }
    }

    /// <summary>Stored merged events passing <paramref name="f"/>, with their sources.</summary>
    public List<MergedEvent> Query(MergedEventFilter f, int windowDays = DefaultWindowDays)
    {
        var list = Load(f, windowDays);
        LoadSources(list);
        return list;
    }

    public static IEnumerable<MergedEvent> Filter(IEnumerable<MergedEvent> events, MergedEventFilter f)
    {
        string? actor = f.Actor is null ? null : Norm(f.Actor);
        foreach (var e in events)
        {
            if (f.Type is not null && !string.Equals(e.Type, f.Type, StringComparison.OrdinalIgnoreCase)) continue;
            if (f.Country is not null && !string.Equals(e.Country, f.Country, StringComparison.OrdinalIgnoreCase)) continue;
            var day = DateOnly.ParseExact(e.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (f.From is { } from && day < from) continue;
            if (f.To is { } to && day > to) continue;
            if (f.UpdatedSince is { } since && string.CompareOrdinal(e.UpdatedAt, EventChanges.Stamp(since)) < 0) continue;
            if (actor is not null && !e.ActorKeys.Concat(e.ActorNames).Any(a => a == f.Actor || Norm(a).Contains(actor, StringComparison.Ordinal))) continue;
            yield return e;
        }
    }

    /// <summary>Counts of merged events (not reports), fatalities and reports by type, country, actor or month.</summary>
    public static List<IndicatorRow> Indicators(IEnumerable<MergedEvent> events, string by)
    {
        if (by is not ("type" or "country" or "actor" or "month"))
            throw new ArgumentException($"cannot count by '{by}' (type, country, actor or month)", nameof(by));
        var rows = new Dictionary<string, (string Label, long Events, long Fatalities, long Sources)>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            IEnumerable<(string Key, string Label)> keys = by switch
            {
                "type" => [(e.Type, e.Type)],
                "country" => [(e.Country ?? "-", e.Country ?? "unknown")],
                "actor" => e.ActorKeys.Count == 0 ? [("-", "unknown")] : e.ActorKeys.Zip(e.ActorNames, (k, n) => (k, n)),
                "month" => [(e.Date[..7], e.Date[..7])],
                _ => throw new ArgumentException($"cannot count by '{by}' (type, country, actor or month)", nameof(by)),
            };
            long reports = Math.Max(e.Reports, e.Sources.Count);
            foreach (var (key, label) in keys)
            {
                var cur = rows.GetValueOrDefault(key, (label, 0, 0, 0));
                rows[key] = (label, cur.Events + 1, cur.Fatalities + (e.Fatalities ?? 0), cur.Sources + reports);
            }
        }
        return rows.Select(kv => new IndicatorRow(kv.Key, kv.Value.Label, kv.Value.Events, kv.Value.Fatalities, kv.Value.Sources))
            .OrderByDescending(r => by == "month" ? 0 : r.Events).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Events at each place that has coordinates (for the map), most events first, then by key.</summary>
    public static List<IndicatorRow> ByPlace(IEnumerable<MergedEvent> events) =>
        events.Where(v => v.LocationKey is not null && v.Lat is not null && v.Lon is not null)
            .GroupBy(v => v.LocationKey!, StringComparer.Ordinal)
            .Select(g => new IndicatorRow(g.Key, g.First().LocationName ?? g.Key, g.Count(), g.Sum(v => v.Fatalities ?? 0), g.Sum(v => (long)v.Reports))
            {
                Lat = g.First().Lat,
                Lon = g.First().Lon,
            })
            .OrderByDescending(r => r.Events).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The changes feed: the last change (added, changed, merged or deleted) of every event id changed at or
    /// after <paramref name="since"/>. Merges first when the archive changed since the stored merge.
    /// </summary>
    public List<EventChange> Changes(DateTimeOffset since, int windowDays = DefaultWindowDays)
    {
        if (!IsCurrent(windowDays)) Build(windowDays);
        return EventChanges.Since(_db, since);
    }

    /// <summary>A time for <see cref="MergedEventFilter.UpdatedSince"/> and <see cref="Changes"/>: ISO 8601 or Unix seconds; null when it is neither.</summary>
    public static DateTimeOffset? ParseSince(string text) => EventChanges.ParseSince(text);

    private static string Norm(string s) => ArabicNormalizer.Normalize(s, NormalizationLevel.Search).ToLowerInvariant();

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static List<string> Keys(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];
}

