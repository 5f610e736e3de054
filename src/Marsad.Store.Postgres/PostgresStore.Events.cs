using System.Globalization;
using System.Text;
using System.Text.Json;
using Marsad.Ingest;
using Marsad.Store.Events;
using Npgsql;
using NpgsqlTypes;

namespace Marsad.Store.Postgres;

public sealed partial class PostgresStore
{
    // Merged events as the ingest stores them (merged_events, merged_event_sources, event_changes), read with the
    // embedded store's semantics (Marsad.Store/Events): oldest first by date then id, keyset pages, sources in
    // report order. Ids compare in code-point order (COLLATE "C"). An actor filter matches at search
    // normalisation, which only Marsad's normaliser computes: those rows are filtered in C# (EventStore.Filter).

    private const string EventColumns = """
        e.id, e.type, e.mode, to_char(e.date, 'YYYY-MM-DD'), e.location_key, e.location_name, e.country, e.lat, e.lon, e.location_subtype,
        e.actor_keys::text, e.actor_names::text, e.target_keys::text, e.target_names::text, e.fatalities, e.injured, e.reports, e.sources,
        e.geo_precision, e.time_precision, e.updated_at, e.context
        """;

    private const string Newest = " ORDER BY e.date DESC, e.id COLLATE \"C\" DESC", Oldest = " ORDER BY e.date, e.id COLLATE \"C\"";

    /// <summary>The window the stored merge was made with; another one would need a merge this store does not run at read.</summary>
    private static void CheckWindow(int windowDays)
    {
        if (windowDays != EventStore.DefaultWindowDays)
            throw new InputException("--window", string.Create(CultureInfo.InvariantCulture,
                $"the PostgreSQL archive keeps its events merged with a {EventStore.DefaultWindowDays}-day window at ingest; another window ({windowDays}) needs an embedded archive"));
    }

    /// <summary>The SQL condition of every part of <paramref name="f"/> but the actor, with its parameters.</summary>
    private static string Where(MergedEventFilter f, List<NpgsqlParameter> args)
    {
        string Arg(object value, NpgsqlDbType type)
        {
            args.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            return "$" + args.Count.ToString(CultureInfo.InvariantCulture);
        }
        var sql = new StringBuilder(" WHERE TRUE");
        if (f.Type is not null) sql.Append(" AND e.type = ").Append(Arg(f.Type.ToUpperInvariant(), NpgsqlDbType.Text));
        if (f.Country is not null) sql.Append(" AND e.country = ").Append(Arg(f.Country.ToUpperInvariant(), NpgsqlDbType.Text));
        if (f.From is { } from) sql.Append(" AND e.date >= ").Append(Arg(from, NpgsqlDbType.Date));
        if (f.To is { } to) sql.Append(" AND e.date <= ").Append(Arg(to, NpgsqlDbType.Date));
        if (f.UpdatedSince is { } since) sql.Append(" AND e.updated_at >= ").Append(Arg(since.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        return sql.ToString();
    }

    /// <summary>
    /// Events passing <paramref name="f"/> in the given order, after <paramref name="after"/> (keyset), from the
    /// <paramref name="offset"/>-th, at most <paramref name="limit"/> (null: all). Without sources.
    /// </summary>
    private List<MergedEvent> Select(MergedEventFilter f, bool newestFirst, EventCursor? after = null, int offset = 0, int? limit = null)
    {
        CheckWindow(f.WindowDays);
        var args = new List<NpgsqlParameter>();
        var sql = new StringBuilder($"SELECT {EventColumns} FROM merged_events e").Append(Where(f, args));
        if (after is not null)
        {
            args.Add(new NpgsqlParameter { Value = DateOnly.ParseExact(after.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType = NpgsqlDbType.Date });
            args.Add(new NpgsqlParameter { Value = after.Id, NpgsqlDbType = NpgsqlDbType.Text });
            string d = "$" + (args.Count - 1).ToString(CultureInfo.InvariantCulture), i = "$" + args.Count.ToString(CultureInfo.InvariantCulture);
            sql.Append(newestFirst ? $" AND (e.date < {d} OR (e.date = {d} AND e.id COLLATE \"C\" < {i}))" : $" AND (e.date > {d} OR (e.date = {d} AND e.id COLLATE \"C\" > {i}))");
        }
        sql.Append(newestFirst ? Newest : Oldest);
        bool inSql = f.Actor is null;
        if (inSql && limit is int n) sql.Append(" LIMIT ").Append(Math.Max(0, n).ToString(CultureInfo.InvariantCulture));
        if (inSql && offset > 0) sql.Append(" OFFSET ").Append(offset.ToString(CultureInfo.InvariantCulture));
        using var cmd = Db.CreateCommand(sql.ToString());
        cmd.Parameters.AddRange(args.ToArray());
        var list = ReadEvents(cmd);
        if (inSql) return list;
        IEnumerable<MergedEvent> rows = EventStore.Filter(list, new MergedEventFilter(Actor: f.Actor)).Skip(Math.Max(0, offset));
        if (limit is int max) rows = rows.Take(Math.Max(0, max));
        return rows.ToList();
    }

    private static List<MergedEvent> ReadEvents(NpgsqlCommand cmd)
    {
        var list = new List<MergedEvent>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add(new MergedEvent(r.GetString(0), r.GetString(1), PostgresArchive.Str(r, 2), r.GetString(3), PostgresArchive.Str(r, 4),
                PostgresArchive.Str(r, 5), PostgresArchive.Str(r, 6), r.IsDBNull(7) ? null : r.GetDouble(7), r.IsDBNull(8) ? null : r.GetDouble(8),
                PostgresArchive.Str(r, 9), Keys(r.GetString(10)), Keys(r.GetString(11)), Keys(r.GetString(12)), Keys(r.GetString(13)),
                r.IsDBNull(14) ? null : r.GetInt64(14), r.IsDBNull(15) ? null : r.GetInt64(15), [])
            {
                Reports = r.GetInt32(16), Documents = r.GetInt32(17), GeoPrecision = PostgresArchive.Str(r, 18), TimePrecision = r.GetInt32(19),
                UpdatedAt = EventChanges.Stamp(r.GetFieldValue<DateTimeOffset>(20)), Context = PostgresArchive.Str(r, 21),
            });
        return list;
    }

    private static List<string> Keys(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    /// <summary>Fills the sources of stored events: each report's document, title, trigger and sentence, in report order.</summary>
    private void LoadSources(IReadOnlyList<MergedEvent> events)
    {
        if (events.Count == 0) return;
        var byId = new Dictionary<string, MergedEvent>(StringComparer.Ordinal);
        foreach (var e in events) { e.Sources.Clear(); byId[e.Id] = e; }
        // Reports in the merge's order: by day, then the document's content id, then place in the document.
        using var cmd = Db.CreateCommand("""
            SELECT s.event_id, d.id, d.title, d.source, d.url, ev.local_id, ev.trigger_text,
                   substr(d.text, ev.sentence_start + 1, ev.sentence_end - ev.sentence_start),
                   d.outlet, to_char(d.published, 'YYYY-MM-DD'), ev.trigger_start, ev.trigger_end, ev.sentence_start, ev.sentence_end, ev.context
            FROM merged_event_sources s
            JOIN documents d ON d.seq = s.doc_seq
            JOIN doc_events ev ON ev.doc_seq = s.doc_seq AND ev.local_id = s.local_id
            WHERE s.event_id = ANY($1)
            ORDER BY s.event_id, s.position
            """);
        cmd.Parameters.AddWithValue(byId.Keys.ToArray());
        using var r = cmd.ExecuteReader();
        while (r.Read())
            byId[r.GetString(0)].Sources.Add(new EventSource(r.GetString(1), r.GetString(2), PostgresArchive.Str(r, 3), PostgresArchive.Str(r, 4),
                r.GetString(5), r.GetString(6), PostgresArchive.Str(r, 7) ?? "")
            {
                Outlet = PostgresArchive.Str(r, 8), Published = PostgresArchive.Str(r, 9),
                TriggerStart = r.GetInt32(10), TriggerEnd = r.GetInt32(11), SentenceStart = r.GetInt32(12), SentenceEnd = r.GetInt32(13),
                Context = PostgresArchive.Str(r, 14),
            });
    }

    public EventPage QueryEvents(EventPageRequest request)
    {
        var f = request.Filter;
        var (total, reports) = CountEvents(f);
        int size = Math.Max(1, request.PageSize);
        // One more than asked says whether there is a next page; a numbered page starts (page - 1) × size in.
        int offset = request.Cursor is null && request.Page > 1 ? (request.Page - 1) * size : 0;
        var page = Select(f, request.NewestFirst, request.Cursor, offset, size + 1);
        EventCursor? next = null;
        if (page.Count > size)
        {
            page.RemoveAt(page.Count - 1);
            next = new EventCursor(page[^1].Date, page[^1].Id);
        }
        LoadSources(page);
        if (f.UpdatedSince is not { } since) return new EventPage(total, reports, page, next);
        var changes = Changes(since);
        var removed = changes.Where(c => c.Change is EventChanges.Merged or EventChanges.Deleted).ToList();
        return new EventPage(total, reports, page, next, removed, changes.Count > 0 ? changes.Max(c => c.At) : null);
    }

    public IReadOnlyList<MergedEvent> LoadEvents(MergedEventFilter filter, bool withSources = false, int? newest = null)
    {
        List<MergedEvent> list;
        if (newest is int n)
        {
            list = Select(filter, newestFirst: true, limit: n);
            list.Reverse();
        }
        else list = Select(filter, newestFirst: false);
        if (withSources) LoadSources(list);
        return list;
    }

    public (int Events, long Reports) CountEvents(MergedEventFilter filter)
    {
        CheckWindow(filter.WindowDays);
        if (filter.Actor is not null)
        {
            var list = Select(filter, newestFirst: false);
            return (list.Count, list.Sum(e => (long)e.Reports));
        }
        var args = new List<NpgsqlParameter>();
        using var cmd = Db.CreateCommand("SELECT count(*), coalesce(sum(e.reports), 0)::bigint FROM merged_events e" + Where(filter, args));
        cmd.Parameters.AddRange(args.ToArray());
        using var r = cmd.ExecuteReader();
        r.Read();
        return ((int)r.GetInt64(0), r.GetInt64(1));
    }

    private const string InvolvingWhere = """
        (e.location_key = $1 OR e.actor_keys @> jsonb_build_array($1::text) OR e.target_keys @> jsonb_build_array($1::text))
        """;

    public IReadOnlyList<MergedEvent> EventsInvolving(string key, int limit, int offset = 0)
    {
        using var cmd = Db.CreateCommand($"SELECT {EventColumns} FROM merged_events e WHERE {InvolvingWhere}{Newest} LIMIT $2 OFFSET $3");
        cmd.Parameters.AddWithValue(key);
        cmd.Parameters.AddWithValue(Math.Max(0, limit));
        cmd.Parameters.AddWithValue(Math.Max(0, offset));
        var list = ReadEvents(cmd);
        LoadSources(list);
        return list;
    }

    public int CountEventsInvolving(string key)
    {
        using var cmd = Db.CreateCommand($"SELECT count(*) FROM merged_events e WHERE {InvolvingWhere}");
        cmd.Parameters.AddWithValue(key);
        return (int)(long)cmd.ExecuteScalar()!;
    }

    public IndicatorTable Indicators(IndicatorGrouping by, MergedEventFilter filter)
    {
        // Counted over the events passing the filter with the embedded store's own rules (EventStore.Indicators, ByPlace),
        // so both stores give the same rows; only the events are read from SQL.
        var list = Select(filter, newestFirst: false);
        long events = list.Count, reports = list.Sum(v => (long)v.Reports);
        if (by == IndicatorGrouping.Place) return new IndicatorTable(by, EventStore.ByPlace(list), events, reports);
        var rows = EventStore.Indicators(list, by.Name());
        if (by == IndicatorGrouping.Country)
        {
            // Stored by code; labelled with the archive's name of the country.
            var names = LookupEntities(rows.Where(r => r.Key != "-").Select(r => "iso3166:" + r.Key));
            rows = rows.Select(r => names.TryGetValue("iso3166:" + r.Key, out var n) ? r with { Label = n.Name } : r).ToList();
        }
        return new IndicatorTable(by, rows, events, reports);
    }

    public IReadOnlyList<EventChange> Changes(DateTimeOffset since)
    {
        // The last change of each event id at or after the time, oldest first (as the embedded feed).
        using var cmd = Db.CreateCommand("""
            SELECT event_id, change, at, merged_into FROM event_changes
            WHERE seq IN (SELECT max(seq) FROM event_changes WHERE at >= $1 GROUP BY event_id)
            ORDER BY seq
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = since.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        var list = new List<EventChange>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(new EventChange(r.GetString(0), r.GetString(1), r.IsDBNull(3) ? null : r.GetString(3), EventChanges.Stamp(r.GetFieldValue<DateTimeOffset>(2))));
        }
        return list;
    }
}
