using Marsad.Store.Export;
using Marsad.Store.Sql;
using Npgsql;

namespace Marsad.Store.Postgres;

public sealed partial class PostgresStore
{
    // The embedded store's entity queries (Marsad.Store/Sql/EntityQueries.cs) in PostgreSQL: names are matched on
    // name_norm (written by the store with Marsad's normaliser), ties are broken by name and key in code-point
    // order (COLLATE "C", as SQLite compares), so both stores list the same entities in the same order.

    private const string EntityColumns = "e.key, e.type, e.subtype, e.name, e.name_en, e.lat, e.lon, e.country";

    private static EntityInfo ReadEntity(NpgsqlDataReader r, long mentions, long documents) => new(
        r.GetString(0), r.GetString(1), PostgresArchive.Str(r, 2), r.GetString(3), PostgresArchive.Str(r, 4),
        r.IsDBNull(5) ? null : r.GetDouble(5), r.IsDBNull(6) ? null : r.GetDouble(6), PostgresArchive.Str(r, 7), mentions, documents);

    public EntityMatches FindEntities(string query, string? type, int limit)
    {
        query ??= "";
        using var cmd = Db.CreateCommand($"""
            SELECT {EntityColumns}, m.mentions, m.docs, count(*) OVER () AS total
            FROM entities e
            JOIN (SELECT entity_key, count(*) AS mentions, count(DISTINCT doc_seq) AS docs FROM mentions GROUP BY entity_key) m ON m.entity_key = e.key
            WHERE ($1::text IS NULL OR e.type = $1)
              AND ($2 = '' OR strpos(e.name_norm, $3) > 0 OR strpos(lower(coalesce(e.name_en, '')), lower($2)) > 0 OR e.key = $2)
            ORDER BY m.docs DESC, m.mentions DESC, e.name COLLATE "C", e.key COLLATE "C"
            LIMIT $4
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)type ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(query);
        cmd.Parameters.AddWithValue(NameKey(query));
        cmd.Parameters.AddWithValue(Math.Max(0, limit));
        using var r = cmd.ExecuteReader();
        var list = new List<EntityInfo>();
        long total = 0;
        while (r.Read())
        {
            list.Add(ReadEntity(r, r.GetInt64(8), r.GetInt64(9)));
            total = r.GetInt64(10);
        }
        if (list.Count == 0 && limit <= 0) total = CountMatching(query, type);
        return new EntityMatches(total, list);
    }

    /// <summary>How many entities match when no row was asked for (LIMIT 0 gives no total).</summary>
    private long CountMatching(string query, string? type)
    {
        using var cmd = Db.CreateCommand("""
            SELECT count(*) FROM entities e
            WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.entity_key = e.key) AND ($1::text IS NULL OR e.type = $1)
              AND ($2 = '' OR strpos(e.name_norm, $3) > 0 OR strpos(lower(coalesce(e.name_en, '')), lower($2)) > 0 OR e.key = $2)
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)type ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.AddWithValue(query);
        cmd.Parameters.AddWithValue(NameKey(query));
        return (long)cmd.ExecuteScalar()!;
    }

    public EntityInfo? GetEntity(string key)
    {
        using var cmd = Db.CreateCommand($"""
            SELECT {EntityColumns},
                   (SELECT count(*) FROM mentions m WHERE m.entity_key = e.key),
                   (SELECT count(DISTINCT m.doc_seq) FROM mentions m WHERE m.entity_key = e.key)
            FROM entities e WHERE e.key = $1
            """);
        cmd.Parameters.AddWithValue(key);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadEntity(r, r.GetInt64(8), r.GetInt64(9)) : null;
    }

    public IReadOnlyList<EntityMentionDoc> DocumentsOf(string key, int limit, int offset = 0, int context = 80)
    {
        // Each document's first mention (the earliest start, then the shortest), newest documents first, then latest stored.
        using var cmd = Db.CreateCommand("""
            SELECT d.id, d.title, d.published, d.text, f.start_at, f.end_at
            FROM (SELECT DISTINCT ON (m.doc_seq) m.doc_seq, m.start_at, m.end_at FROM mentions m
                  WHERE m.entity_key = $1 ORDER BY m.doc_seq, m.start_at, m.end_at) f
            JOIN documents d ON d.seq = f.doc_seq
            ORDER BY d.published DESC NULLS LAST, d.seq DESC
            LIMIT $2 OFFSET $3
            """);
        cmd.Parameters.AddWithValue(key);
        cmd.Parameters.AddWithValue(Math.Max(0, limit));
        cmd.Parameters.AddWithValue(Math.Max(0, offset));
        using var r = cmd.ExecuteReader();
        var list = new List<EntityMentionDoc>();
        while (r.Read())
            list.Add(EntityQueries.MentionDoc(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2),
                r.GetString(3), r.GetInt32(4), r.GetInt32(5), context));
        return list;
    }

    public IReadOnlyList<CoEntity> Cooccurring(string key, int limit)
    {
        using var cmd = Db.CreateCommand("""
            SELECT e.key, e.name, e.type, count(DISTINCT m2.doc_seq) AS n
            FROM (SELECT DISTINCT doc_seq FROM mentions WHERE entity_key = $1) d
            JOIN mentions m2 ON m2.doc_seq = d.doc_seq AND m2.entity_key <> $1
            JOIN entities e ON e.key = m2.entity_key
            GROUP BY e.key, e.name, e.type
            ORDER BY n DESC, e.name COLLATE "C", e.key COLLATE "C"
            LIMIT $2
            """);
        cmd.Parameters.AddWithValue(key);
        cmd.Parameters.AddWithValue(Math.Max(0, limit));
        using var r = cmd.ExecuteReader();
        var list = new List<CoEntity>();
        while (r.Read()) list.Add(new CoEntity(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3)));
        return list;
    }

    public IReadOnlyDictionary<string, ExportEntity> LookupEntities(IEnumerable<string> keys)
    {
        var result = new Dictionary<string, ExportEntity>(StringComparer.Ordinal);
        var list = keys.Distinct(StringComparer.Ordinal).ToArray();
        if (list.Length == 0) return result;
        // The whole list as one array parameter: one statement for any number of keys.
        using var cmd = Db.CreateCommand("SELECT key, name, name_en, type, subtype, country, lat, lon FROM entities WHERE key = ANY($1)");
        cmd.Parameters.AddWithValue(list);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            result[r.GetString(0)] = new ExportEntity(r.GetString(0), r.GetString(1), PostgresArchive.Str(r, 2), r.GetString(3), PostgresArchive.Str(r, 4), PostgresArchive.Str(r, 5))
            {
                Lat = r.IsDBNull(6) ? null : r.GetDouble(6),
                Lon = r.IsDBNull(7) ? null : r.GetDouble(7),
            };
        return result;
    }

    public string? ResolveCountry(string country)
    {
        if (string.IsNullOrWhiteSpace(country)) return null;
        if (Countries.Resolve(country) is { } known) return known;
        var v = country.Trim();
        if (v.StartsWith("iso3166:", StringComparison.OrdinalIgnoreCase)) v = v["iso3166:".Length..];
        if (v.Length == 2 && char.IsAsciiLetter(v[0]) && char.IsAsciiLetter(v[1])) return v.ToUpperInvariant();
        // A name the archive stores for a country (المملكة المغربية), at search normalisation, or its English name.
        using var cmd = Db.CreateCommand("""
            SELECT substr(key, 9) FROM entities
            WHERE key LIKE 'iso3166:%' AND (name_norm = $1 OR lower(name_en) = lower($2))
            ORDER BY key COLLATE "C" LIMIT 1
            """);
        cmd.Parameters.AddWithValue(NameKey(v));
        cmd.Parameters.AddWithValue(v);
        return cmd.ExecuteScalar() as string;
    }
}
