using System.Globalization;
using Marsad.Analysis;
using Marsad.Store.Sql;
using Marsad.Text;
using Microsoft.Data.Sqlite;

namespace Marsad.Store;

// Read-only queries over the layers the archive stores beside each document (entities, mentions,
// doc_events): entity lists and pages, per-document event reports, and counts of them.
// Written for the HTTP API (issue 6) while the store has no such read API yet; the store's owner
// may fold these into MarsadArchive. Events here are reports (one per document that codes
// them); merging reports of one event across documents belongs to the events issue.

public sealed record EntityInfo(string Key, string Type, string? Subtype, string Name, string? NameEn,
    double? Lat, double? Lon, string? Country, long Mentions, long Documents);

public sealed record EntityMentionDoc(string Id, string Title, DateOnly? Published, string Before, string Text, string After);

public sealed record CoEntity(string Key, string Name, string Type, long Documents);

public sealed record EventReport(string DocumentId, string DocumentTitle, string LocalId, string Type, string? Mode, string Modality,
    string? Date, string Trigger, IReadOnlyList<string> ActorKeys, IReadOnlyList<string> TargetKeys, string? LocationKey,
    long? Participants, long? Fatalities);

public sealed record EventFilter(string? Type, string? Country, string? Actor, DateOnly? From, DateOnly? To, int Limit, int Offset);

public sealed record CountRow(string Key, string? Label, long Count);

/// <summary>An entity's name, type and place, for labels and links (no counts: cheap to look up).</summary>
public sealed record EntityName(string Key, string Name, string Type, double? Lat, double? Lon, string? NameEn = null);

/// <summary>Where an event report sits in its document: the trigger and the sentence (UTF-16 offsets of the stored text).</summary>
public sealed record EventSpan(int TriggerStart, int TriggerEnd, int SentenceStart, int SentenceEnd);

/// <summary>Entity and event queries over one archive folder. Thread-safe (a connection per call).</summary>
public sealed class ArchiveFacts
{
    private readonly ArchiveDatabase _db;

    public ArchiveFacts(MarsadArchive archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        _db = new ArchiveDatabase(Path.Combine(archive.DataDir, "marsad.db"));
    }

    /// <summary>The archive-wide key the store gives a contract entity (gazetteer key, else marsad:TYPE:name).</summary>
    public static string EntityKey(EntityAnnotation e) => ArchiveDatabase.EntityKey(e);

    private SqliteConnection Open()
    {
        var c = _db.Open();
        // Names are matched at the search normalisation level (hamza seats, taa marbuta, diacritics).
        c.CreateFunction("marsad_norm", (string? s) => s is null ? null : ArabicNormalizer.Normalize(s, NormalizationLevel.Search), isDeterministic: true);
        return c;
    }

    private const string EntityColumns = """
        e.key, e.type, e.subtype, e.name, e.name_en, e.lat, e.lon, e.country,
        (SELECT COUNT(*) FROM mentions m WHERE m.entity_key = e.key) AS mentions,
        (SELECT COUNT(DISTINCT m.doc_seq) FROM mentions m WHERE m.entity_key = e.key) AS docs
        """;

    private static EntityInfo ReadEntity(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), Str(r, 2), r.GetString(3), Str(r, 4),
        r.IsDBNull(5) ? null : r.GetDouble(5), r.IsDBNull(6) ? null : r.GetDouble(6), Str(r, 7), r.GetInt64(8), r.GetInt64(9));

    /// <summary>Entities whose name (normalised), English name or key contains <paramref name="query"/>; most documents first.</summary>
    public (long Total, List<EntityInfo> Entities) Entities(string query, string? type, int limit)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT {EntityColumns}, COUNT(*) OVER () AS total FROM entities e
            WHERE ($type IS NULL OR e.type = $type)
              AND ($q = '' OR instr(marsad_norm(e.name), $qn) > 0 OR instr(lower(coalesce(e.name_en, '')), lower($q)) > 0 OR e.key = $q)
              AND EXISTS (SELECT 1 FROM mentions m WHERE m.entity_key = e.key)
            ORDER BY docs DESC, mentions DESC, e.name
            LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$type", (object?)type ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$q", query);
        cmd.Parameters.AddWithValue("$qn", ArabicNormalizer.Normalize(query, NormalizationLevel.Search));
        cmd.Parameters.AddWithValue("$limit", limit);
        using var r = cmd.ExecuteReader();
        var list = new List<EntityInfo>();
        long total = 0;
        while (r.Read())
        {
            list.Add(ReadEntity(r));
            total = r.GetInt64(10);
        }
        return (total, list);
    }

    public EntityInfo? GetEntity(string key)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {EntityColumns} FROM entities e WHERE e.key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadEntity(r) : null;
    }

    /// <summary>
    /// Changes whenever documents are added or removed (by this process or another): the last
    /// document number and the count. Caches of derived data (merged events) are keyed by it.
    /// </summary>
    public (long LastSeq, long Count) Stamp() => _db.Stamp();

    /// <summary>Names, types and coordinates of the given entity keys (unknown keys are left out).</summary>
    public Dictionary<string, EntityName> Names(IEnumerable<string> keys) =>
        Export.ExportEntities.Lookup(_db, keys).ToDictionary(kv => kv.Key, kv => new EntityName(kv.Key, kv.Value.Name, kv.Value.Type, kv.Value.Lat, kv.Value.Lon, kv.Value.NameEn), StringComparer.Ordinal);

    /// <summary>
    /// The ISO 3166 code of a country given by code (MA), key (iso3166:MA), Arabic name (matched
    /// at search normalisation: المغرب, المملكة المغربية when stored so) or English name; null when unknown.
    /// </summary>
    public string? CountryCode(string country)
    {
        var v = country.Trim();
        if (v.StartsWith("iso3166:", StringComparison.OrdinalIgnoreCase)) v = v["iso3166:".Length..];
        if (v.Length == 2 && char.IsAsciiLetter(v[0]) && char.IsAsciiLetter(v[1])) return v.ToUpperInvariant();
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT substr(key, 9) FROM entities
            WHERE key LIKE 'iso3166:%' AND (marsad_norm(name) = marsad_norm($n) OR lower(name_en) = lower($n))
            ORDER BY key LIMIT 1
            """;
        cmd.Parameters.AddWithValue("$n", v);
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>Trigger and sentence offsets of event reports, by (document id, local event id).</summary>
    public Dictionary<(string DocumentId, string LocalId), EventSpan> EventSpans(IEnumerable<(string DocumentId, string LocalId)> reports)
    {
        var result = new Dictionary<(string, string), EventSpan>();
        var list = reports.Distinct().Select(x => new[] { x.DocumentId, x.LocalId }).ToList();
        if (list.Count == 0) return result;
        using var c = _db.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT d.id, ev.local_id, ev.trigger_start, ev.trigger_end, ev.sentence_start, ev.sentence_end
            FROM json_each($pairs) p
            JOIN documents d ON d.id = json_extract(p.value, '$[0]')
            JOIN doc_events ev ON ev.doc_seq = d.seq AND ev.local_id = json_extract(p.value, '$[1]')
            """;
        cmd.Parameters.AddWithValue("$pairs", System.Text.Json.JsonSerializer.Serialize(list));
        using var r = cmd.ExecuteReader();
        while (r.Read())
            result[(r.GetString(0), r.GetString(1))] = new EventSpan(r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5));
        return result;
    }

    /// <summary>
    /// The documents that mention <paramref name="key"/>, newest first (ties by document order), from
    /// <paramref name="offset"/>, with the first mention's context.
    /// </summary>
    public List<EntityMentionDoc> DocumentsOf(string key, int limit, int offset = 0, int context = 80)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT d.id, d.title, d.published, d.text, MIN(m.start_at), m.end_at
            FROM mentions m JOIN documents d ON d.seq = m.doc_seq
            WHERE m.entity_key = $k
            GROUP BY d.seq
            ORDER BY d.published DESC, d.seq DESC
            LIMIT $limit OFFSET $offset
            """;
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$limit", limit);
        cmd.Parameters.AddWithValue("$offset", Math.Max(0, offset));
        using var r = cmd.ExecuteReader();
        var list = new List<EntityMentionDoc>();
        while (r.Read())
        {
            // Offsets are UTF-16 units of the stored text, so the context is cut in C#, not by SQLite's substr.
            var text = r.GetString(3);
            int start = Math.Clamp(r.GetInt32(4), 0, text.Length), end = Math.Clamp(r.GetInt32(5), start, text.Length);
            int from = Math.Max(0, start - context), to = Math.Min(text.Length, end + context);
            // Whole words only at the cut ends.
            if (from > 0) { int sp = text.IndexOf(' ', from, start - from); if (sp >= 0) from = sp + 1; }
            if (to < text.Length) { int sp = text.LastIndexOf(' ', to - 1, to - end); if (sp >= end) to = sp; }
            list.Add(new EntityMentionDoc(r.GetString(0), r.GetString(1), Date(Str(r, 2)),
                (from > 0 ? "… " : "") + OneLine(text[from..start]), text[start..end], OneLine(text[end..to]) + (to < text.Length ? " …" : "")));
        }
        return list;
    }

    /// <summary>Entities mentioned in the same documents, by number of shared documents.</summary>
    public List<CoEntity> Cooccurring(string key, int limit)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT e.key, e.name, e.type, COUNT(DISTINCT m2.doc_seq) AS n
            FROM (SELECT DISTINCT doc_seq FROM mentions WHERE entity_key = $k) d
            JOIN mentions m2 ON m2.doc_seq = d.doc_seq AND m2.entity_key <> $k
            JOIN entities e ON e.key = m2.entity_key
            GROUP BY e.key
            ORDER BY n DESC, e.name
            LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$limit", limit);
        using var r = cmd.ExecuteReader();
        var list = new List<CoEntity>();
        while (r.Read()) list.Add(new CoEntity(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));
        return list;
    }

    // The event's day: its own time when the text gives a full date, else the document's dateline.
    private const string EventDate = """
        COALESCE(CASE WHEN ev.time GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN substr(ev.time, 1, 10) END, d.published)
        """;

    private const string EventFrom = """
        FROM doc_events ev
        JOIN documents d ON d.seq = ev.doc_seq
        LEFT JOIN entities le ON le.key = ev.location_key
        """;

    private static string EventWhere(SqliteCommand cmd, EventFilter f, string? involving = null)
    {
        var where = new List<string>();
        if (f.Type is not null) { where.Add("ev.type = $type"); cmd.Parameters.AddWithValue("$type", f.Type); }
        if (f.Country is not null)
        {
            // An ISO code (MA), a key (iso3166:MA) or a name (المغرب / Morocco) of the event's country.
            where.Add("""
                (upper(le.country) = upper($country) OR ev.location_key = 'iso3166:' || upper($country) OR ev.location_key = $country
                 OR marsad_norm(le.name) = marsad_norm($country) OR lower(le.name_en) = lower($country)
                 OR EXISTS (SELECT 1 FROM entities ce WHERE ce.key = 'iso3166:' || upper(le.country)
                            AND (marsad_norm(ce.name) = marsad_norm($country) OR lower(ce.name_en) = lower($country))))
                """);
            cmd.Parameters.AddWithValue("$country", f.Country);
        }
        if (f.Actor is not null)
        {
            where.Add("""
                EXISTS (SELECT 1 FROM json_each(ev.actor_keys) a LEFT JOIN entities ae ON ae.key = a.value
                        WHERE a.value = $actor OR instr(marsad_norm(ae.name), marsad_norm($actor)) > 0 OR lower(ae.name_en) = lower($actor))
                """);
            cmd.Parameters.AddWithValue("$actor", f.Actor);
        }
        if (involving is not null)
        {
            where.Add("""
                (ev.location_key = $inv OR EXISTS (SELECT 1 FROM json_each(ev.actor_keys) WHERE value = $inv)
                 OR EXISTS (SELECT 1 FROM json_each(ev.target_keys) WHERE value = $inv))
                """);
            cmd.Parameters.AddWithValue("$inv", involving);
        }
        if (f.From is { } from) { where.Add($"{EventDate} >= $from"); cmd.Parameters.AddWithValue("$from", Iso(from)); }
        if (f.To is { } to) { where.Add($"{EventDate} <= $to"); cmd.Parameters.AddWithValue("$to", Iso(to)); }
        return where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
    }

    /// <summary>Event reports, newest first, with the total matching.</summary>
    public (long Total, List<EventReport> Events) Events(EventFilter f, string? involving = null)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        var where = EventWhere(cmd, f, involving);
        cmd.CommandText = $"""
            SELECT d.id, d.title, ev.local_id, ev.type, ev.mode, ev.modality, {EventDate} AS day, ev.trigger_text,
                   ev.actor_keys, ev.target_keys, ev.location_key, ev.participants, ev.fatalities, COUNT(*) OVER () AS total
            {EventFrom}
            {where}
            ORDER BY day DESC, d.seq DESC, ev.trigger_start
            LIMIT $limit OFFSET $offset
            """;
        cmd.Parameters.AddWithValue("$limit", f.Limit);
        cmd.Parameters.AddWithValue("$offset", f.Offset);
        using var r = cmd.ExecuteReader();
        var list = new List<EventReport>();
        long total = 0;
        while (r.Read())
        {
            list.Add(new EventReport(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Str(r, 4), r.GetString(5),
                Str(r, 6), r.GetString(7), Keys(r.GetString(8)), Keys(r.GetString(9)), Str(r, 10),
                r.IsDBNull(11) ? null : r.GetInt64(11), r.IsDBNull(12) ? null : r.GetInt64(12)));
            total = r.GetInt64(13);
        }
        if (list.Count == 0 && f.Offset > 0)
        {
            // Past the last page: still report how many there are.
            using var count = c.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) {EventFrom} {EventWhere(count, f, involving)}";
            total = (long)count.ExecuteScalar()!;
        }
        return (total, list);
    }

    /// <summary>
    /// Counts of asserted event reports (negated, future and hypothetical ones are not counted) by
    /// type, country, actor or month.
    /// </summary>
    public List<CountRow> Counts(string by, DateOnly? from, DateOnly? to)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        var where = EventWhere(cmd, new EventFilter(null, null, null, from, to, 0, 0));
        where = (where.Length == 0 ? "WHERE " : where + " AND ") + "ev.modality = 'asserted'";
        cmd.CommandText = by switch
        {
            "type" => $"SELECT ev.type, NULL, COUNT(*) AS n {EventFrom} {where} GROUP BY ev.type ORDER BY n DESC, ev.type",
            "month" => $"SELECT substr({EventDate}, 1, 7) AS mo, NULL, COUNT(*) {EventFrom} {where} AND {EventDate} IS NOT NULL GROUP BY mo ORDER BY mo",
            "country" => $"""
                SELECT k, (SELECT name FROM entities WHERE key = 'iso3166:' || k), COUNT(*) AS n FROM (
                  SELECT upper(COALESCE(le.country, CASE WHEN ev.location_key LIKE 'iso3166:%' THEN substr(ev.location_key, 9) END)) AS k
                  {EventFrom} {where}) WHERE k IS NOT NULL GROUP BY k ORDER BY n DESC, k
                """,
            "actor" => $"""
                SELECT a.value, ae.name, COUNT(*) AS n {EventFrom} JOIN json_each(ev.actor_keys) a LEFT JOIN entities ae ON ae.key = a.value
                {where} GROUP BY a.value ORDER BY n DESC, a.value LIMIT 200
                """,
            _ => throw new ArgumentException($"unknown grouping '{by}'", nameof(by)),
        };
        using var r = cmd.ExecuteReader();
        var list = new List<CountRow>();
        while (r.Read()) list.Add(new CountRow(r.GetString(0), Str(r, 1), r.GetInt64(2)));
        return list;
    }

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateOnly? Date(string? s) =>
        s is not null && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<string> Keys(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? [];

    private static string OneLine(string s) => s.Replace('\n', ' ').Replace('\r', ' ');
}
