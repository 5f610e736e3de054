using System.Globalization;
using System.Text.Json;

namespace Marsad.Store.Events;

/// <summary>One asserted event mention of a stored document, as the cross-document merge takes it.</summary>
internal sealed class EventReport
{
    /// <summary>The document's row in its store (counts distinct documents; not part of any id).</summary>
    public long DocSeq;
    /// <summary>The report's place among the reports of its document (trigger order): the last tie-break of the merge order.</summary>
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

/// <summary>What the merge knows of an entity: its name, and for places their country and coordinates.</summary>
internal sealed record EventPlace(string Key, string? Name, string? Country, double? Lat, double? Lon, string? Subtype);

/// <summary>One merged event as the merge made it: the event, its stored column values, fingerprint and reports.</summary>
/// <param name="Values">The stored columns in <see cref="EventMerger.ValueColumns"/> order.</param>
internal sealed record MergedRow(MergedEvent Event, object?[] Values, string Fingerprint, IReadOnlyList<EventReport> Reports);

/// <summary>One entry for the changes feed, made by <see cref="EventMerger.Diff"/>.</summary>
internal sealed record MergeChange(string Id, string Change, string? MergedInto);

/// <summary>A merge: its events (oldest first, <see cref="MergedEvent.UpdatedAt"/> set) and the changes against the events it replaces.</summary>
internal sealed record MergeOutcome(List<MergedRow> Rows, List<MergeChange> Changes);

/// <summary>
/// The cross-document event merge, free of storage: given the reports (asserted event mentions) of a
/// span of time and the events stored before over the same span, it decides which reports are one
/// event, each event's stable id and fields, and what changed. The result depends only on the
/// reports (sorted by day, document content id and trigger order before merging), never on the order
/// they were stored in, so the embedded archive (<see cref="EventStore.Build"/>, every report at once)
/// and the PostgreSQL one (the span a batch touches, under a lock) give the same events and ids.
/// </summary>
internal static class EventMerger
{
    /// <summary>The stored columns of <see cref="MergedRow.Values"/>, in order.</summary>
    public static readonly string[] ValueColumns =
    [
        "id", "type", "mode", "date", "location_key", "actor_keys", "target_keys", "fatalities", "injured", "sources",
        "country", "location_name", "lat", "lon", "location_subtype", "geo_precision", "actor_names", "target_names", "reports",
        "time_precision", "context", "first_report",
    ];

    /// <summary>
    /// Merges <paramref name="reports"/> (reordered in place), compares the result with
    /// <paramref name="previous"/> (the stored events these reports made before, by id) and stamps new
    /// and changed events with <paramref name="now"/>.
    /// </summary>
    public static MergeOutcome Merge(List<EventReport> reports, IReadOnlyDictionary<string, EventPlace> places, int windowDays,
        IReadOnlyDictionary<string, EventChanges.Previous> previous, string now)
    {
        var groups = MergeGroups(reports, places, windowDays);
        var rows = new List<MergedRow>(groups.Count);
        var fingerprints = new Dictionary<string, string>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var grp in groups)
        {
            var g = grp.Reports;
            var first = g[0];
            var actors = g.SelectMany(x => x.Actors).Distinct().ToList();
            var targets = g.SelectMany(x => x.Targets).Distinct().Where(t => !actors.Contains(t)).ToList();
            var (loc, precision) = MostPrecise(g, places);
            // One event's toll is what its reports say, not their sum: the largest figure reported.
            long? fat = g.Max(x => x.Fatalities);
            long? inj = g.Max(x => x.Injured);
            var date = grp.MinDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            string id = EventChanges.Id(first.Type, date, loc, actors, first.Key);
            for (int k = 2; fingerprints.ContainsKey(id); k++) id = EventChanges.Id(first.Type, date, loc, actors, first.Key + "/" + k.ToString(CultureInfo.InvariantCulture));
            places.TryGetValue(loc ?? "", out var place);
            var actorNames = actors.Select(a => places.TryGetValue(a, out var e) ? e.Name ?? a : a).ToList();
            var targetNames = targets.Select(a => places.TryGetValue(a, out var e) ? e.Name ?? a : a).ToList();
            int docs = g.Select(x => x.DocSeq).Distinct().Count();
            int timePrecision = TimePrecisionOf(first.Time);
            string? context = g.Select(x => x.Context).FirstOrDefault(x => x is not null);
            var ev = new MergedEvent(id, first.Type, g.Select(x => x.Mode).FirstOrDefault(m => m is not null), date,
                loc, place?.Name, CountryOf(loc, places), place?.Lat, place?.Lon, place?.Subtype,
                actors, actorNames, targets, targetNames, fat, inj, [])
            { Reports = g.Count, Documents = docs, GeoPrecision = loc is null ? null : precision, TimePrecision = timePrecision, Context = context };
            object?[] values = [id, ev.Type, ev.Mode, ev.Date, loc, JsonSerializer.Serialize(actors), JsonSerializer.Serialize(targets), fat, inj, docs,
                ev.Country, ev.LocationName, ev.Lat, ev.Lon, ev.LocationSubtype, ev.GeoPrecision,
                JsonSerializer.Serialize(actorNames), JsonSerializer.Serialize(targetNames), g.Count, timePrecision, context, first.Key];
            fingerprints[id] = EventChanges.Fingerprint(values.Append(string.Join(",", g.Select(x => x.Key))));
            foreach (var x in g) owner[x.Key] = id;
            rows.Add(new MergedRow(ev, values, fingerprints[id], g));
        }
        var (changes, updated) = Diff(previous, fingerprints, owner, now);
        for (int i = 0; i < rows.Count; i++) rows[i] = rows[i] with { Event = rows[i].Event with { UpdatedAt = updated[rows[i].Event.Id] } };
        return new MergeOutcome(rows, changes);
    }

    /// <summary>
    /// The differences between the stored events and a new merge (<paramref name="current"/>: id →
    /// fingerprint; <paramref name="reportOwner"/>: report → the new event holding it): new ids are
    /// <c>added</c>, ids whose fingerprint differs <c>changed</c>, ids that are gone <c>merged</c> (their
    /// first report now belongs to another event) or <c>deleted</c>. Also, per new id, when it last changed.
    /// </summary>
    public static (List<MergeChange> Changes, Dictionary<string, string> Updated) Diff(IReadOnlyDictionary<string, EventChanges.Previous> previous,
        IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> reportOwner, string now)
    {
        var changes = new List<MergeChange>();
        var updated = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, fingerprint) in current)
        {
            if (!previous.TryGetValue(id, out var old)) { changes.Add(new(id, EventChanges.Added, null)); updated[id] = now; }
            else if (old.Fingerprint != fingerprint) { changes.Add(new(id, EventChanges.Changed, null)); updated[id] = now; }
            else updated[id] = old.UpdatedAt.Length > 0 ? old.UpdatedAt : now;
        }
        foreach (var (id, old) in previous)
        {
            if (current.ContainsKey(id)) continue;
            var into = reportOwner.GetValueOrDefault(old.FirstReport);
            changes.Add(new(id, into is null ? EventChanges.Deleted : EventChanges.Merged, into));
        }
        return (changes, updated);
    }

    /// <summary>A group of reports being merged, with what the merge tests kept up to date.</summary>
    private sealed class Group(EventReport first)
    {
        public readonly List<EventReport> Reports = [first];
        public readonly HashSet<string> Actors = [.. first.Actors];
        public readonly HashSet<string> Clusters = first.Cluster is null ? [] : [first.Cluster];
        public string? Location = first.MergePlace;
        public DateOnly MinDate = first.Date, MaxDate = first.Date;

        public void Add(EventReport r)
        {
            Reports.Add(r);
            Actors.UnionWith(r.Actors);
            if (r.Cluster is not null) Clusters.Add(r.Cluster);
            Location ??= r.MergePlace;
            if (r.Date > MaxDate) MaxDate = r.Date;
            if (r.Date < MinDate) MinDate = r.Date;
        }
    }

    /// <summary>The merge order: day, then the document's content id, then the order in the document.</summary>
    public static int Compare(EventReport a, EventReport b) => a.Date != b.Date ? a.Date.CompareTo(b.Date)
        : string.CompareOrdinal(a.DocId, b.DocId) is var d and not 0 ? d : a.Order.CompareTo(b.Order);

    /// <summary>
    /// Greedy merging in date order: a report joins the first event of its type within the window
    /// whose actors overlap (or, with no actors on one side, whose place matches or which is in the
    /// same story cluster) and whose place matches or contains its own. Only events whose last report
    /// is within the window stay open, so each report is compared with a few candidates. Types merge
    /// apart, and an event closed before day D takes no report of D or later: so the reports of one
    /// type from a day on which no event is open give the same events there whatever came before.
    /// </summary>
    private static List<Group> MergeGroups(List<EventReport> reports, IReadOnlyDictionary<string, EventPlace> places, int windowDays)
    {
        var groups = new List<Group>();
        var open = new Dictionary<string, List<Group>>(StringComparer.Ordinal);
        // Date, then the document's content id, then the order in the document: the same articles merge
        // the same way whatever order they were ingested in (stable ids in a fresh archive).
        reports.Sort(Compare);
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

    private static bool PlacesNest(string a, string b, IReadOnlyDictionary<string, EventPlace> places)
    {
        if (a == b) return true;
        string? ca = CountryOf(a, places), cb = CountryOf(b, places);
        if (ca is null || cb is null || !string.Equals(ca, cb, StringComparison.OrdinalIgnoreCase)) return false;
        // a city and its country nest; two different cities of one country do not
        return a.StartsWith("iso3166:", StringComparison.Ordinal) || b.StartsWith("iso3166:", StringComparison.Ordinal);
    }

    internal static string? CountryOf(string? key, IReadOnlyDictionary<string, EventPlace> places)
    {
        if (key is null) return null;
        if (key.StartsWith("iso3166:", StringComparison.Ordinal)) return key["iso3166:".Length..].ToUpperInvariant();
        return places.TryGetValue(key, out var p) ? p.Country?.ToUpperInvariant() : null;
    }

    private static int PrecisionRank(string? p) => p switch { "clause" or null => 0, "sentence" => 1, _ => 2 };

    /// <summary>The place of the reports that found it closest to the trigger (clause before sentence before document), then the most precise.</summary>
    private static (string? Key, string? Precision) MostPrecise(List<EventReport> reports, IReadOnlyDictionary<string, EventPlace> places)
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

    /// <summary>ACLED's time precision of a report's own time value: 1 a day, 2 a range within a week or none (the dateline), 3 a month, a year or longer.</summary>
    private static int TimePrecisionOf(string? time)
    {
        if (time is null) return 2;
        int slash = time.IndexOf('/');
        if (slash < 0) return time.Length >= 10 ? 1 : 3;
        var (a, b) = (DayOf(time[..slash]), DayOf(time[(slash + 1)..]));
        return a is { } x && b is { } y && time.Length >= 21 && y.DayNumber - x.DayNumber <= 7 ? 2 : 3;
    }

    /// <summary>
    /// The day an event is placed on: its own date when it names a day; a year or month (kept at that
    /// precision in the report) that holds the publication day is placed on the publication day, not
    /// on its first day (a «2018» report of 2018-05-13 is not an event of 1 January). Null: no day at
    /// all (such a report is not merged).
    /// </summary>
    public static DateOnly? EventDay(string? time, DateOnly? published)
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

    /// <summary>The first day of an ISO time value: 2023-05-11, 2023-05 → May 1st, 2003 → January 1st, a/b → a.</summary>
    public static DateOnly? DayOf(string? value)
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
}
