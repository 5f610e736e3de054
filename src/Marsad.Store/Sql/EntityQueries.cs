using System.Globalization;
using Marsad.Analysis;
using Marsad.Text;
using Microsoft.Data.Sqlite;

namespace Marsad.Store.Sql;

/// <summary>
/// Read-only queries over the entity layers the archive stores beside each document (entities,
/// mentions): lists, pages, co-occurrence and country names. Thread-safe (a connection per call).
/// </summary>
internal sealed class EntityQueries(ArchiveDatabase db)
{
    private readonly ArchiveDatabase _db = db;

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
    public EntityMatches Entities(string query, string? type, int limit)
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
        return new EntityMatches(total, list);
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

    /// <summary>Documents mentioning the entity, newest first, each with its first mention in context.</summary>
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
            list.Add(MentionDoc(r.GetString(0), r.GetString(1), Date(Str(r, 2)), r.GetString(3), r.GetInt32(4), r.GetInt32(5), context));
        }
        return list;
    }

    /// <summary>
    /// A document's mention between about <paramref name="context"/> characters before and after it, cut at
    /// words, on one line (every store gives <see cref="IEntityStore.DocumentsOf"/> this way).
    /// </summary>
    internal static EntityMentionDoc MentionDoc(string id, string title, DateOnly? published, string text, int mentionStart, int mentionEnd, int context)
    {
        // Offsets are UTF-16 units of the stored text, so the context is cut in C#, not by SQL's substr.
        int start = Math.Clamp(mentionStart, 0, text.Length), end = Math.Clamp(mentionEnd, start, text.Length);
        int from = Math.Max(0, start - context), to = Math.Min(text.Length, end + context);
        // Whole words only at the cut ends.
        if (from > 0) { int sp = text.IndexOf(' ', from, start - from); if (sp >= 0) from = sp + 1; }
        if (to < text.Length) { int sp = text.LastIndexOf(' ', to - 1, to - end); if (sp >= end) to = sp; }
        return new EntityMentionDoc(id, title, published,
            (from > 0 ? "… " : "") + OneLine(text[from..start]), text[start..end], OneLine(text[end..to]) + (to < text.Length ? " …" : ""));
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

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateOnly? Date(string? s) =>
        s is not null && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<string> Keys(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? [];

    private static string OneLine(string s) => s.Replace('\n', ' ').Replace('\r', ' ');
}
