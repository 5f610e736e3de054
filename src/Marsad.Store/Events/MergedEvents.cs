using System.Globalization;
using System.Text.Json;
using Marsad.Store.Sql;
using Marsad.Text;
using Microsoft.Data.Sqlite;

namespace Marsad.Store.Events;

/// <summary>One report of a merged event: the document and the event mention in it.</summary>
public sealed record EventSource(string DocumentId, string Title, string? Source, string? Url, string LocalId, string Trigger, string SentenceText)
{
    /// <summary>The document's outlet (publisher) and publication day (YYYY-MM-DD).</summary>
    public string? Outlet { get; init; }
    public string? Published { get; init; }
    /// <summary>UTF-16 offsets of the trigger and of its sentence in the document's stored text.</summary>
    public int TriggerStart { get; init; }
    public int TriggerEnd { get; init; }
    public int SentenceStart { get; init; }
    public int SentenceEnd { get; init; }
    /// <summary>The event mention's PLOVER context (null when the analysis gave none).</summary>
    public string? Context { get; init; }
}

/// <summary>
/// An event as it happened, merged from the reports of it across documents: same type, overlapping
/// actors, places that match or contain each other, dates within a window.
/// </summary>
public sealed record MergedEvent(
    string Id, string Type, string? Mode, string Date,
    string? LocationKey, string? LocationName, string? Country, double? Lat, double? Lon, string? LocationSubtype,
    List<string> ActorKeys, List<string> ActorNames, List<string> TargetKeys, List<string> TargetNames,
    long? Fatalities, long? Injured, List<EventSource> Sources)
{
    /// <summary>How many event reports (mentions across documents) the event merges; set also when <see cref="Sources"/> is not loaded.</summary>
    public int Reports { get; init; }
    /// <summary>How many distinct documents report it.</summary>
    public int Documents { get; init; }
    /// <summary>Where its place came from in the best report: clause, sentence or document (null when no place).</summary>
    public string? GeoPrecision { get; init; }
    /// <summary>How exactly the date is known (ACLED's scale): 1 the day, 2 a few days or only the report's dateline, 3 a month or a year.</summary>
    public int TimePrecision { get; init; } = 1;
    /// <summary>When the event was last added or changed (UTC, ISO 8601): what the changes feed compares.</summary>
    public string? UpdatedAt { get; init; }
    /// <summary>The first PLOVER context among its reports.</summary>
    public string? Context { get; init; }
}

/// <summary>Which merged events: each given part must hold (null: any).</summary>
/// <param name="Type">A PLOVER type (case-insensitive).</param>
/// <param name="Country">The event's country as an ISO 3166 alpha-2 code (resolve names first: <see cref="IEntityStore.ResolveCountry"/>).</param>
/// <param name="Actor">An actor's key, or part of its name (at search normalisation).</param>
/// <param name="From">On or after this day.</param>
/// <param name="To">On or before this day.</param>
/// <param name="UpdatedSince">Only events added or changed at or after this time (the changes feed).</param>
/// <param name="WindowDays">Days apart the reports of one event may be (the merge the events come from).</param>
public sealed record MergedEventFilter(string? Type = null, string? Country = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null,
    DateTimeOffset? UpdatedSince = null, int WindowDays = EventStore.DefaultWindowDays);

/// <summary>One row of <c>marsad indicators</c>: merged events, their fatalities and their reports.</summary>
/// <param name="Key">What the row counts: a type, an ISO code, an actor or place key, a month (YYYY-MM); "-" for none.</param>
public sealed record IndicatorRow(string Key, string Label, long Events, long Fatalities, long Sources)
{
    /// <summary>The place's coordinates (rows by place only).</summary>
    public double? Lat { get; init; }
    public double? Lon { get; init; }
}

/// <summary>
/// Cross-document event merging over the archive's event mentions (<c>doc_events</c>, asserted only),
/// stored in <c>merged_events</c> and <c>merged_event_sources</c>. The merge runs once after each
/// ingest (<see cref="MarsadArchive.Ingest(IEnumerable{Ingest.IngestItem}, IngestOptions?, IProgress{IngestProgress}?, Ingest.ReadProgress?, CancellationToken)"/>);
/// readers (<see cref="Load"/>, <see cref="Indicators(MergedEventFilter)"/>) read the stored rows and
/// rebuild only when the archive changed since (an archive from an older version).
/// </summary>
public sealed partial class EventStore
{
    /// <summary>Reports of one event are at most this many days apart.</summary>
    public const int DefaultWindowDays = 3;

    /// <summary>Bumped when the merge rules or the stored columns change: stored merges of older versions are rebuilt.</summary>
    private const string Version = "3";

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

    private sealed class Report
    {
        public long DocSeq;
        public int Order;
        public string DocId = "", LocalId = "", Type = "";
        public string? Mode, LocationKey, Cluster, GeoPrecision, Time, Context;
        /// <summary>The report's identity across archives: its document's content id and the mention's id in it.</summary>
        public string Key => DocId + "#" + LocalId;
        /// <summary>The place merging may rely on: one found in the report's clause or sentence, not the document's main place.</summary>
        public string? MergePlace => GeoPrecision == "document" ? null : LocationKey;
        public DateOnly Date;
        public List<string> Actors = [], Targets = [];
        public long? Fatalities, Injured;
    }

    /// <summary>A group of reports being merged, with what the merge tests kept up to date.</summary>
    private sealed class Group(Report first)
    {
        public readonly List<Report> Reports = [first];
        public readonly HashSet<string> Actors = [.. first.Actors];
        public readonly HashSet<string> Clusters = first.Cluster is null ? [] : [first.Cluster];
        public string? Location = first.MergePlace;
        public DateOnly MinDate = first.Date, MaxDate = first.Date;

        public void Add(Report r)
        {
            Reports.Add(r);
            Actors.UnionWith(r.Actors);
            if (r.Cluster is not null) Clusters.Add(r.Cluster);
            Location ??= r.MergePlace;
            if (r.Date > MaxDate) MaxDate = r.Date;
            if (r.Date < MinDate) MinDate = r.Date;
        }
    }

    private sealed class Place(string key, string? name, string? country, double? lat, double? lon, string? subtype)
    {
        public string Key { get; } = key;
        public string? Name { get; } = name;
        public string? Country { get; } = country;
        public double? Lat { get; } = lat;
        public double? Lon { get; } = lon;
        public string? Subtype { get; } = subtype;
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
        var names = LoadPlaces(c);
        var reports = new List<Report>();
        using (var cmd = c.CreateCommand())
        {
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
                var date = EventDay(Str(r, 5), DayOf(Str(r, 6)));
                if (date is null) continue; // an event with no date at all cannot be placed in time
                reports.Add(new Report
                {
                    DocSeq = r.GetInt64(0), Cluster = Str(r, 1), LocalId = r.GetString(2), Type = r.GetString(3), Mode = Str(r, 4),
                    Date = date.Value, LocationKey = Str(r, 7), Actors = Keys(r.GetString(8)), Targets = Keys(r.GetString(9)),
                    Fatalities = r.IsDBNull(10) ? null : r.GetInt64(10), Injured = r.IsDBNull(11) ? null : r.GetInt64(11),
                    GeoPrecision = Str(r, 12), DocId = r.GetString(13), Context = Str(r, 14), Time = Str(r, 5), Order = reports.Count,
                });
            }
        }
        var groups = Merge(reports, names, windowDays);
        var result = new List<MergedEvent>(groups.Count);
        using var tx = c.BeginTransaction();
        var previous = EventChanges.LoadPrevious(c, tx);
        ArchiveDatabase.Exec(c, "DELETE FROM merged_event_sources; DELETE FROM merged_events;", tx);
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
        // First every event with its id and values; then the comparison with the previous merge says what changed.
        var rows = new List<(MergedEvent Event, object?[] Values, List<Report> Reports)>(groups.Count);
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var grp in groups)
        {
            var g = grp.Reports;
            var first = g[0];
            var actors = g.SelectMany(x => x.Actors).Distinct().ToList();
            var targets = g.SelectMany(x => x.Targets).Distinct().Where(t => !actors.Contains(t)).ToList();
            var (loc, precision) = MostPrecise(g, names);
            // One event's toll is what its reports say, not their sum: the largest figure reported.
            long? fat = g.Max(x => x.Fatalities);
            long? inj = g.Max(x => x.Injured);
            var date = grp.MinDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string id = EventChanges.Id(first.Type, date, loc, actors, first.Key);
            for (int k = 2; fingerprints.ContainsKey(id); k++) id = EventChanges.Id(first.Type, date, loc, actors, first.Key + "/" + k.ToString(CultureInfo.InvariantCulture));
            names.TryGetValue(loc ?? "", out var place);
            var actorNames = actors.Select(a => names.TryGetValue(a, out var e) ? e.Name ?? a : a).ToList();
            var targetNames = targets.Select(a => names.TryGetValue(a, out var e) ? e.Name ?? a : a).ToList();
            int docs = g.Select(x => x.DocSeq).Distinct().Count();
            int timePrecision = TimePrecisionOf(first.Time);
            string? context = g.Select(x => x.Context).FirstOrDefault(x => x is not null);
            var ev = new MergedEvent(id, first.Type, g.Select(x => x.Mode).FirstOrDefault(m => m is not null), date,
                loc, place?.Name, CountryOf(loc, names), place?.Lat, place?.Lon, place?.Subtype,
                actors, actorNames, targets, targetNames, fat, inj, [])
            { Reports = g.Count, Documents = docs, GeoPrecision = loc is null ? null : precision, TimePrecision = timePrecision, Context = context };
            object?[] values = [id, ev.Type, ev.Mode, ev.Date, loc, JsonSerializer.Serialize(actors), JsonSerializer.Serialize(targets), fat, inj, docs,
                ev.Country, ev.LocationName, ev.Lat, ev.Lon, ev.LocationSubtype, ev.GeoPrecision,
                JsonSerializer.Serialize(actorNames), JsonSerializer.Serialize(targetNames), g.Count, timePrecision, context, first.Key];
            fingerprints[id] = EventChanges.Fingerprint(values.Append(string.Join(",", g.Select(x => x.Key))));
            foreach (var x in g) owner[x.Key] = id;
            rows.Add((ev, values, g));
        }
        var updated = EventChanges.Record(c, tx, previous, fingerprints, owner, EventChanges.Stamp(DateTimeOffset.UtcNow));
        foreach (var (ev, values, g) in rows)
        {
            result.Add(ev with { UpdatedAt = updated[ev.Id] });
            object?[] all = [.. values, fingerprints[ev.Id], updated[ev.Id]];
            for (int k = 0; k < all.Length; k++) ins.Parameters[k].Value = all[k] ?? DBNull.Value;
            ins.ExecuteNonQuery();
            foreach (var x in g)
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

    private static Dictionary<string, Place> LoadPlaces(SqliteConnection c)
    {
        var names = new Dictionary<string, Place>(StringComparer.Ordinal);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT key, name, country, lat, lon, subtype FROM entities";
        using var r = cmd.ExecuteReader();
        while (r.Read())
            names[r.GetString(0)] = new Place(r.GetString(0), r.GetString(1), Str(r, 2),
                r.IsDBNull(3) ? null : r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4), Str(r, 5));
        return names;
    }

    /// <summary>
    /// Greedy merging in date order: a report joins the first event of its type within the window
    /// whose actors overlap (or, with no actors on one side, whose place matches or which is in the
    /// same story cluster) and whose place matches or contains its own. Only events whose last report
    /// is within the window stay open, so each report is compared with a few candidates.
    /// </summary>
    private static List<Group> Merge(List<Report> reports, Dictionary<string, Place> places, int windowDays)
    {
        var groups = new List<Group>();
        var open = new Dictionary<string, List<Group>>(StringComparer.Ordinal);
        // Date, then the document's content id, then the order in the document: the same articles merge
        // the same way whatever order they were ingested in (stable ids in a fresh archive).
        reports.Sort((a, b) => a.Date != b.Date ? a.Date.CompareTo(b.Date)
            : string.CompareOrdinal(a.DocId, b.DocId) is var d and not 0 ? d : a.Order.CompareTo(b.Order));
        foreach (var rep in reports)
        {
            if (!open.TryGetValue(rep.Type, out var list)) open[rep.Type] = list = [];
            // Reports come in date order: an event whose last report is older than the window is closed for good.
            list.RemoveAll(g => rep.Date.DayNumber - g.MaxDate.DayNumber > windowDays);
            Group? into = null;
            foreach (var g in list)
            {
                bool actorOverlap = g.Actors.Overlaps(rep.Actors);
                if (g.Actors.Count > 0 && rep.Actors.Count > 0 && !actorOverlap) continue;
                bool placeKnown = g.Location is not null && rep.MergePlace is not null;
                if (placeKnown && !PlacesNest(g.Location!, rep.MergePlace!, places)) continue;
                bool sameCluster = rep.Cluster is not null && g.Clusters.Contains(rep.Cluster);
                if (actorOverlap || sameCluster || (placeKnown && (g.Actors.Count == 0 || rep.Actors.Count == 0)))
                {
                    into = g;
                    break;
                }
            }
            if (into is null)
            {
                into = new Group(rep);
                groups.Add(into);
                list.Add(into);
            }
            else into.Add(rep);
        }
        groups.Sort((a, b) => a.MinDate.CompareTo(b.MinDate));
        return groups;
    }

    private static bool PlacesNest(string a, string b, Dictionary<string, Place> places)
    {
        if (a == b) return true;
        string? ca = CountryOf(a, places), cb = CountryOf(b, places);
        if (ca is null || cb is null || !string.Equals(ca, cb, StringComparison.OrdinalIgnoreCase)) return false;
        // a city and its country nest; two different cities of one country do not
        return a.StartsWith("iso3166:", StringComparison.Ordinal) || b.StartsWith("iso3166:", StringComparison.Ordinal);
    }

    private static string? CountryOf(string? key, Dictionary<string, Place> places)
    {
        if (key is null) return null;
        if (key.StartsWith("iso3166:", StringComparison.Ordinal)) return key["iso3166:".Length..].ToUpperInvariant();
        return places.TryGetValue(key, out var p) ? p.Country?.ToUpperInvariant() : null;
    }

    private static int PrecisionRank(string? p) => p switch { "clause" or null => 0, "sentence" => 1, _ => 2 };

    /// <summary>The place of the reports that found it closest to the trigger (clause before sentence before document), then the most precise.</summary>
    private static (string? Key, string? Precision) MostPrecise(List<Report> reports, Dictionary<string, Place> places)
    {
        string? best = null, precision = null;
        foreach (var r in reports)
        {
            var k = r.LocationKey;
            if (k is null) continue;
            if (best is null || PrecisionRank(r.GeoPrecision) < PrecisionRank(precision)
                || (PrecisionRank(r.GeoPrecision) == PrecisionRank(precision)
                    && best.StartsWith("iso3166:", StringComparison.Ordinal) && !k.StartsWith("iso3166:", StringComparison.Ordinal) && PlacesNest(best, k, places)))
            {
                best = k;
                precision = r.GeoPrecision ?? "clause";
            }
        }
        return (best, precision);
    }

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
    private static void Where(SqliteConnection c, SqliteCommand cmd, System.Text.StringBuilder sql, MergedEventFilter f)
    {
        sql.Append(" WHERE 1 = 1");
        if (f.Type is not null) { sql.Append(" AND type = $type"); cmd.Parameters.AddWithValue("$type", f.Type.ToUpperInvariant()); }
        if (f.Country is not null) { sql.Append(" AND country = $country"); cmd.Parameters.AddWithValue("$country", f.Country.ToUpperInvariant()); }
        if (f.From is { } from) { sql.Append(" AND date >= $from"); cmd.Parameters.AddWithValue("$from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); }
        if (f.To is { } to) { sql.Append(" AND date <= $to"); cmd.Parameters.AddWithValue("$to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); }
        if (f.UpdatedSince is { } since) { sql.Append(" AND updated_at >= $since"); cmd.Parameters.AddWithValue("$since", EventChanges.Stamp(since)); }
        if (f.Actor is { } actor)
        {
            string norm = Norm(actor);
            c.CreateFunction("marsad_actor", (string keys, string? names) =>
                Keys(keys).Concat(Keys(names ?? "[]")).Any(a => a == actor || Norm(a).Contains(norm, StringComparison.Ordinal)));
            sql.Append(" AND marsad_actor(actor_keys, actor_names)");
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

    /// <summary>ACLED's time precision of a report's own time value: 1 a day, 2 a range within a week or none (the dateline), 3 a month, a year or longer.</summary>
    private static int TimePrecisionOf(string? time)
    {
        if (time is null) return 2;
        int slash = time.IndexOf('/');
        if (slash < 0) return time.Length >= 10 ? 1 : 3;
        var (a, b) = (DayOf(time[..slash]), DayOf(time[(slash + 1)..]));
        return a is { } x && b is { } y && time.Length >= 21 && y.DayNumber - x.DayNumber <= 7 ? 2 : 3;
    }

    private static string Norm(string s) => ArabicNormalizer.Normalize(s, NormalizationLevel.Search).ToLowerInvariant();

    /// <summary>The first day of an ISO time value: 2023-05-11, 2023-05 → May 1st, 2003 → January 1st, a/b → a.</summary>
    /// <summary>
    /// The day an event is placed on: its own date when it names a day; a year or month (kept at that
    /// precision in the report) that holds the publication day is placed on the publication day, not
    /// on its first day (a «2018» report of 2018-05-13 is not an event of 1 January).
    /// </summary>
    private static DateOnly? EventDay(string? time, DateOnly? published)
    {
        var day = DayOf(time);
        if (day is null) return published;
        var v = time!.AsSpan();
        int slash = v.IndexOf('/');
        if (slash > 0) v = v[..slash];
        if (v.Length >= 10 || published is not DateOnly pub) return day;
        var d = day.Value;
        bool holds = v.Length == 4 ? pub.Year == d.Year : pub.Year == d.Year && pub.Month == d.Month;
        return holds ? pub : day;
    }

    private static DateOnly? DayOf(string? value)
    {
        if (value is null || value.Length < 4) return null;
        var v = value.AsSpan();
        int slash = v.IndexOf('/');
        if (slash > 0) v = v[..slash];
        var inv = CultureInfo.InvariantCulture;
        if (v.Length >= 10 && DateOnly.TryParseExact(v[..10], "yyyy-MM-dd", inv, DateTimeStyles.None, out var d)) return d;
        if (v.Length == 7 && DateOnly.TryParseExact(v, "yyyy-MM", inv, DateTimeStyles.None, out var m)) return m;
        if (v.Length == 4 && int.TryParse(v, NumberStyles.None, inv, out int y) && y is >= 1 and <= 9999) return new DateOnly(y, 1, 1);
        return null;
    }

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static List<string> Keys(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
