using System.Globalization;
using Marsad.Store.Events;
using Npgsql;

namespace Marsad.Store.Postgres;

public sealed partial class PostgresArchive
{
    /// <summary>The id and type of every stored merged event, by id (what the archive parity compares).</summary>
    public IReadOnlyList<(string Id, string Type, string Date)> MergedEventIds()
    {
        using var cmd = _db.CreateCommand("SELECT id, type, date FROM merged_events ORDER BY id");
        using var r = cmd.ExecuteReader();
        var list = new List<(string, string, string)>();
        while (r.Read()) list.Add((r.GetString(0), r.GetString(1), r.GetFieldValue<DateOnly>(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return list;
    }

    /// <summary>The report keys (document content id # mention id) of each merged event, in merge order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> MergedEventReports()
    {
        using var cmd = _db.CreateCommand("""
            SELECT s.event_id, d.id || '#' || s.local_id FROM merged_event_sources s JOIN documents d ON d.seq = s.doc_seq
            ORDER BY s.event_id, s.position
            """);
        using var r = cmd.ExecuteReader();
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        while (r.Read())
        {
            if (!map.TryGetValue(r.GetString(0), out var list)) map[r.GetString(0)] = list = new List<string>();
            ((List<string>)list).Add(r.GetString(1));
        }
        return map;
    }

    /// <summary>
    /// The changes feed, as the embedded archive's (<see cref="EventStore.Changes"/>): the last change
    /// (added, changed, merged or deleted) of every event id changed at or after <paramref name="since"/>, oldest first.
    /// </summary>
    public List<EventChange> EventChangesSince(DateTimeOffset since)
    {
        using var cmd = _db.CreateCommand("""
            SELECT event_id, change, merged_into, at FROM event_changes
            WHERE seq IN (SELECT max(seq) FROM event_changes WHERE at >= $1 GROUP BY event_id)
            ORDER BY seq
            """);
        cmd.Parameters.AddWithValue(since.ToUniversalTime());
        using var r = cmd.ExecuteReader();
        var list = new List<EventChange>();
        while (r.Read())
            list.Add(new EventChange(r.GetString(0), r.GetString(1), Str(r, 2), EventChanges.Stamp(r.GetFieldValue<DateTimeOffset>(3))));
        return list;
    }

    /// <summary>
    /// Merges every stored report again in memory (the embedded archive's full merge, with each
    /// report's day recomputed from its time and document date) and names the stored events that
    /// differ from it: missing, extra, or with other fields or reports. Empty when they agree.
    /// </summary>
    internal List<string> CompareWithFreshMerge(int max = 3)
    {
        using var c = _db.OpenConnection();
        using var tx = c.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        var problems = new List<string>();
        var days = new List<string>();
        using (var cmd = new NpgsqlCommand("""
            SELECT d.id, ev.local_id, ev.time, d.published, ev.day FROM doc_events ev JOIN documents d ON d.seq = ev.doc_seq
            WHERE ev.modality = 'asserted'
            """, c, tx))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                var day = EventMerger.EventDay(Str(r, 2), r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3));
                DateOnly? kept = r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4);
                if (day != kept) days.Add(r.GetString(0) + "#" + r.GetString(1));
            }
        if (days.Count > 0) problems.Add(string.Create(CultureInfo.InvariantCulture, $"{days.Count} event report(s) with a stored day other than their time gives (e.g. {string.Join(", ", days.Take(max))})"));
        var reports = LoadReports(c, tx, "TRUE");
        var fresh = EventMerger.Merge(reports, LoadPlaces(c, tx, reports), WindowDays, new Dictionary<string, EventChanges.Previous>(), EventChanges.Stamp(DateTimeOffset.UtcNow));
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var cmd = new NpgsqlCommand("SELECT id, fingerprint FROM merged_events", c, tx))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) stored[r.GetString(0)] = r.GetString(1);
        var want = fresh.Rows.ToDictionary(x => x.Event.Id, x => x.Fingerprint, StringComparer.Ordinal);
        var missing = want.Keys.Where(id => !stored.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        var extra = stored.Keys.Where(id => !want.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
        var differ = want.Where(kv => stored.TryGetValue(kv.Key, out var f) && f != kv.Value).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0) problems.Add($"{missing.Count} merged event(s) of the reports are not stored (e.g. {string.Join(", ", missing.Take(max))})");
        if (extra.Count > 0) problems.Add($"{extra.Count} stored merged event(s) are not what the reports merge into (e.g. {string.Join(", ", extra.Take(max))})");
        if (differ.Count > 0) problems.Add($"{differ.Count} stored merged event(s) differ from the merge of their reports (e.g. {string.Join(", ", differ.Take(max))})");
        return problems;
    }
}
