using System.Globalization;
using System.Text.Json;
using Marsad.Store.Sql;
using Marsad.Text;
using Microsoft.Data.Sqlite;

namespace Marsad.Store.Events;

/// <summary>One report of a merged event: the document and the event mention in it.</summary>
public sealed record EventSource(string DocumentId, string Title, string? Source, string? Url, string LocalId, string Trigger, string SentenceText);

/// <summary>
/// An event as it happened, merged from the reports of it across documents: same type, overlapping
/// actors, places that match or contain each other, dates within a window.
/// </summary>
public sealed record MergedEvent(
    string Id, string Type, string? Mode, string Date,
    string? LocationKey, string? LocationName, string? Country, double? Lat, double? Lon, string? LocationSubtype,
    List<string> ActorKeys, List<string> ActorNames, List<string> TargetKeys, List<string> TargetNames,
    long? Fatalities, long? Injured, List<EventSource> Sources);

public sealed record MergedEventFilter(string? Type = null, string? Country = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One row of <c>marsad indicators</c>: merged events, their fatalities and their reports.</summary>
public sealed record IndicatorRow(string Key, string Label, long Events, long Fatalities, long Sources);

/// <summary>
/// Cross-document event merging over the archive's event mentions (<c>doc_events</c>, asserted only),
/// stored in <c>merged_events</c> and <c>merged_event_sources</c>; rebuilt when documents were added.
/// </summary>
public sealed class EventStore
{
    /// <summary>Reports of one event are at most this many days apart.</summary>
    public const int DefaultWindowDays = 3;

    private readonly ArchiveDatabase _db;

    private EventStore(ArchiveDatabase db) => _db = db;

    public static EventStore Open(MarsadArchive archive) => new(new ArchiveDatabase(Path.Combine(archive.DataDir, "marsad.db")));

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS merged_events(
          id TEXT PRIMARY KEY, type TEXT NOT NULL, mode TEXT, date TEXT NOT NULL, location_key TEXT,
          actor_keys TEXT NOT NULL, target_keys TEXT NOT NULL, fatalities INTEGER, injured INTEGER, sources INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS merged_event_sources(
          event_id TEXT NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
          doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE, local_id TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS merged_event_sources_event ON merged_event_sources(event_id);
        """;

    private sealed class Report
    {
        public long DocSeq;
        public string DocId = "", Title = "", LocalId = "", Type = "", Trigger = "", Sentence = "";
        public string? Source, Url, Mode, LocationKey, Cluster;
        public DateOnly Date;
        public List<string> Actors = [], Targets = [];
        public long? Fatalities, Injured;
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

    /// <summary>Merges every asserted event report of the archive, stores the result and returns it (oldest first).</summary>
    public List<MergedEvent> Build(int windowDays = DefaultWindowDays)
    {
        using var c = _db.Open();
        ArchiveDatabase.Exec(c, Schema);
        var names = new Dictionary<string, Place>(StringComparer.Ordinal);
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT key, name, country, lat, lon, subtype FROM entities";
            using var r = cmd.ExecuteReader();
            while (r.Read())
                names[r.GetString(0)] = new Place(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4), r.IsDBNull(5) ? null : r.GetString(5));
        }
        var reports = new List<Report>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = """
                SELECT ev.doc_seq, d.id, d.title, d.source, d.url, d.cluster_id, ev.local_id, ev.type, ev.mode, ev.trigger_text,
                       substr(d.text, ev.sentence_start + 1, ev.sentence_end - ev.sentence_start), ev.time, d.published,
                       ev.location_key, ev.actor_keys, ev.target_keys, ev.fatalities, ev.injured
                FROM doc_events ev JOIN documents d ON d.seq = ev.doc_seq
                WHERE ev.modality = 'asserted'
                ORDER BY d.seq, ev.trigger_start
                """;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var date = DayOf(r.IsDBNull(11) ? null : r.GetString(11)) ?? DayOf(r.IsDBNull(12) ? null : r.GetString(12));
                if (date is null) continue; // an event with no date at all cannot be placed in time
                reports.Add(new Report
                {
                    DocSeq = r.GetInt64(0), DocId = r.GetString(1), Title = r.GetString(2), Source = Str(r, 3), Url = Str(r, 4), Cluster = Str(r, 5),
                    LocalId = r.GetString(6), Type = r.GetString(7), Mode = Str(r, 8), Trigger = r.GetString(9), Sentence = r.IsDBNull(10) ? "" : r.GetString(10),
                    Date = date.Value, LocationKey = Str(r, 13), Actors = Keys(r.GetString(14)), Targets = Keys(r.GetString(15)),
                    Fatalities = r.IsDBNull(16) ? null : r.GetInt64(16), Injured = r.IsDBNull(17) ? null : r.GetInt64(17),
                });
            }
        }
        var groups = Merge(reports, names, windowDays);
        var result = new List<MergedEvent>(groups.Count);
        using var tx = c.BeginTransaction();
        ArchiveDatabase.Exec(c, "DELETE FROM merged_event_sources; DELETE FROM merged_events;", tx);
        using var ins = c.CreateCommand();
        ins.Transaction = tx;
        ins.CommandText = "INSERT INTO merged_events(id, type, mode, date, location_key, actor_keys, target_keys, fatalities, injured, sources) VALUES ($id,$t,$m,$d,$l,$a,$g,$f,$i,$s)";
        using var src = c.CreateCommand();
        src.Transaction = tx;
        src.CommandText = "INSERT INTO merged_event_sources(event_id, doc_seq, local_id) VALUES ($id, $doc, $local)";
        int n = 0;
        foreach (var g in groups)
        {
            string id = "E" + (++n).ToString(CultureInfo.InvariantCulture);
            var first = g[0];
            var actors = g.SelectMany(x => x.Actors).Distinct().ToList();
            var targets = g.SelectMany(x => x.Targets).Distinct().Where(t => !actors.Contains(t)).ToList();
            string? loc = MostPrecise(g.Select(x => x.LocationKey), names);
            long? fat = g.Max(x => x.Fatalities);
            long? inj = g.Max(x => x.Injured);
            var date = g.Min(x => x.Date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            names.TryGetValue(loc ?? "", out var place);
            var ev = new MergedEvent(id, first.Type, g.Select(x => x.Mode).FirstOrDefault(m => m is not null), date,
                loc, place?.Name, CountryOf(loc, names), place?.Lat, place?.Lon, place?.Subtype,
                actors, actors.Select(a => names.TryGetValue(a, out var e) ? e.Name ?? a : a).ToList(),
                targets, targets.Select(a => names.TryGetValue(a, out var e) ? e.Name ?? a : a).ToList(),
                fat, inj, g.Select(x => new EventSource(x.DocId, x.Title, x.Source, x.Url, x.LocalId, x.Trigger, x.Sentence)).ToList());
            result.Add(ev);
            ins.Parameters.Clear();
            ins.Parameters.AddWithValue("$id", id);
            ins.Parameters.AddWithValue("$t", ev.Type);
            ins.Parameters.AddWithValue("$m", (object?)ev.Mode ?? DBNull.Value);
            ins.Parameters.AddWithValue("$d", ev.Date);
            ins.Parameters.AddWithValue("$l", (object?)loc ?? DBNull.Value);
            ins.Parameters.AddWithValue("$a", JsonSerializer.Serialize(actors));
            ins.Parameters.AddWithValue("$g", JsonSerializer.Serialize(targets));
            ins.Parameters.AddWithValue("$f", (object?)fat ?? DBNull.Value);
            ins.Parameters.AddWithValue("$i", (object?)inj ?? DBNull.Value);
            ins.Parameters.AddWithValue("$s", g.Select(x => x.DocSeq).Distinct().Count());
            ins.ExecuteNonQuery();
            foreach (var x in g)
            {
                src.Parameters.Clear();
                src.Parameters.AddWithValue("$id", id);
                src.Parameters.AddWithValue("$doc", x.DocSeq);
                src.Parameters.AddWithValue("$local", x.LocalId);
                src.ExecuteNonQuery();
            }
        }
        tx.Commit();
        return result;
    }

    /// <summary>
    /// Greedy merging in date order: a report joins the first event of its type within the window
    /// whose actors overlap (or, with no actors on one side, whose place matches or which is in the
    /// same story cluster) and whose place matches or contains its own.
    /// </summary>
    private static List<List<Report>> Merge(List<Report> reports, Dictionary<string, Place> places, int windowDays)
    {
        var groups = new List<List<Report>>();
        foreach (var rep in reports.OrderBy(r => r.Date).ThenBy(r => r.DocSeq))
        {
            List<Report>? into = null;
            foreach (var g in groups)
            {
                var head = g[0];
                if (head.Type != rep.Type || rep.Date.DayNumber - g.Max(x => x.Date).DayNumber > windowDays) continue;
                var actors = g.SelectMany(x => x.Actors).ToHashSet();
                bool actorOverlap = actors.Overlaps(rep.Actors);
                if (actors.Count > 0 && rep.Actors.Count > 0 && !actorOverlap) continue;
                var loc = g.Select(x => x.LocationKey).FirstOrDefault(l => l is not null);
                bool placeKnown = loc is not null && rep.LocationKey is not null;
                if (placeKnown && !PlacesNest(loc!, rep.LocationKey!, places)) continue;
                bool sameCluster = rep.Cluster is not null && g.Any(x => x.Cluster == rep.Cluster);
                if (actorOverlap || sameCluster || (placeKnown && (actors.Count == 0 || rep.Actors.Count == 0)))
                {
                    into = g;
                    break;
                }
            }
            if (into is null) groups.Add([rep]);
            else into.Add(rep);
        }
        groups.Sort((a, b) => a.Min(x => x.Date).CompareTo(b.Min(x => x.Date)));
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

    private static string? MostPrecise(IEnumerable<string?> keys, Dictionary<string, Place> places)
    {
        string? best = null;
        foreach (var k in keys)
        {
            if (k is null) continue;
            if (best is null || (best.StartsWith("iso3166:", StringComparison.Ordinal) && !k.StartsWith("iso3166:", StringComparison.Ordinal) && PlacesNest(best, k, places)))
                best = k;
        }
        return best;
    }

    /// <summary>Merged events passing <paramref name="f"/> (built first).</summary>
    public List<MergedEvent> Query(MergedEventFilter f, int windowDays = DefaultWindowDays) =>
        Filter(Build(windowDays), f).ToList();

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
            foreach (var (key, label) in keys)
            {
                var cur = rows.GetValueOrDefault(key, (label, 0, 0, 0));
                rows[key] = (label, cur.Events + 1, cur.Fatalities + (e.Fatalities ?? 0), cur.Sources + e.Sources.Count);
            }
        }
        return rows.Select(kv => new IndicatorRow(kv.Key, kv.Value.Label, kv.Value.Events, kv.Value.Fatalities, kv.Value.Sources))
            .OrderByDescending(r => by == "month" ? 0 : r.Events).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    private static string Norm(string s) => ArabicNormalizer.Normalize(s, NormalizationLevel.Search).ToLowerInvariant();

    private static DateOnly? DayOf(string? value) =>
        value is { Length: >= 10 } && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static List<string> Keys(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
