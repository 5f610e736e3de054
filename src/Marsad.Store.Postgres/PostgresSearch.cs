using System.Diagnostics;
using Marsad.Store.Index;
using Npgsql;
using NpgsqlTypes;

namespace Marsad.Store.Postgres;

public sealed partial class PostgresArchive
{
    /// <summary>
    /// Full-text search in PostgreSQL: the query (Marsad's syntax, <see cref="TsQuery"/>) matched
    /// against the documents' <c>terms</c> through their GIN index, the filters as SQL, facets by
    /// SQL over the same matching set, and snippets built from the stored text as the embedded
    /// archive builds them. Ranking: <c>ts_rank</c> (the matched terms' frequencies) with PostgreSQL's default
    /// weights (title A 1.0, body D 0.1), divided by 1 + log(document length) (normalization 1, as BM25
    /// discounts long documents); ties newest first, then by id; an empty query lists newest first.
    /// (Titles as queries on the 30,035 ANT articles, 120 of them: R@1 0.99 so, 0.96 with ts_rank_cd
    /// normalised the same way, 0.90 with ts_rank_cd unnormalised, where a long article full of a
    /// query's common words outranks the short one whose title the query is.)
    /// </summary>
    /// <summary>ts_rank's normalization flags: 1 divides the rank by 1 + log(the document's length).</summary>
    internal const int RankNormalization = 1;

    public SearchResults Search(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        QueryLimits.CheckPage(request.Offset, request.Limit);
        var sw = Stopwatch.StartNew();
        var args = new List<NpgsqlParameter>();
        var (parsed, match, cond, rank) = Where(request, args);
        if (match.Nothing) return new SearchResults(request.Query, 0, [], SearchFacets.Empty, sw.Elapsed.TotalMilliseconds);
        string Arg(object value, NpgsqlDbType type)
        {
            args.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            return "$" + args.Count;
        }
        // Ties by id (a hash of the text, the same in every store and on every server), so pages never overlap.
        // Over the matching set m (its columns are named as in documents).
        string order = match.Everything ? "m.published DESC NULLS LAST, m.id COLLATE \"C\""
            : request.SortByDate ? "m.published DESC NULLS LAST, m.score DESC, m.id COLLATE \"C\"" : "m.score DESC, m.published DESC NULLS LAST, m.id COLLATE \"C\"";
        string limit = Arg(request.Limit, NpgsqlDbType.Integer), offset = Arg(request.Offset, NpgsqlDbType.Integer);
        string facetLimit = Arg(request.FacetLimit, NpgsqlDbType.Integer);

        // One statement: the text match (and its rank) is computed once, into the materialized set m, and the
        // count, the page and the four facets are all taken from m. (Run as separate statements, a common word
        // matched the GIN index and read every matching document's terms six times over.) Parts: 0 the count,
        // 1 the page, 2-5 the facets; o orders the rows within a part.
        var parts = new List<string>
        {
            "SELECT 0 AS part, 0::bigint AS o, NULL::text AS v, (SELECT count(*) FROM m)::int AS n, NULL::bigint AS seq, NULL::real AS score",
            $"""
            SELECT 1, row_number() OVER (ORDER BY {order}), NULL, NULL, m.seq, m.score
            FROM (SELECT m.* FROM m ORDER BY {order} LIMIT {limit} OFFSET {offset}) m
            """,
        };
        if (request.Facets)
        {
            // Values as written; a blank outlet or category (no filter key) is no facet value, as in the embedded index.
            void Facet(string value, string present, string extra, bool byCount)
            {
                // (Inside, an output name cannot take a collation; outside, the grouped value is that name.)
                string by(string v) => byCount ? $"n DESC, {v} COLLATE \"C\"" : "v DESC";
                parts.Add($"""
                    SELECT {parts.Count}, row_number() OVER (ORDER BY {by("f.v")}), f.v, f.n, NULL, NULL FROM (
                        SELECT {value} AS v, count(*)::int AS n FROM m {extra} WHERE {present} IS NOT NULL
                        GROUP BY 1 ORDER BY {by(value)} LIMIT {facetLimit}) f
                    """);
            }
            Facet("m.outlet", "m.outlet_key", "", true);
            Facet("to_char(m.published, 'YYYY-MM')", "m.published", "", false);
            Facet("m.category", "m.category_key", "", true);
            Facet("x.entity_key", "x.entity_key", "JOIN document_entities x ON x.doc_seq = m.seq", true);
        }
        string sql = $"""
            WITH m AS MATERIALIZED (
                SELECT d.seq, d.id, d.published, d.outlet, d.outlet_key, d.category, d.category_key, {rank} AS score
                FROM documents d WHERE {cond})
            {string.Join("\nUNION ALL\n", parts.Select(x => "(" + x + ")"))}
            ORDER BY part, o
            """;

        using var c = _db.OpenConnection();
        // One snapshot for the match and the page's texts that follow it.
        using var tx = c.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        cancellationToken.ThrowIfCancellationRequested();
        int total = 0;
        var page = new List<(long Seq, float Score)>();
        var facets = new List<List<FacetCount>>();
        using (var cmd = new NpgsqlCommand(sql, c, tx))
        {
            foreach (var a in args) cmd.Parameters.Add(a);
            using var reg = cancellationToken.Register(cmd.Cancel);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                int part = r.GetInt32(0);
                if (part == 0) total = r.GetInt32(3);
                else if (part == 1) page.Add((r.GetInt64(4), r.GetFloat(5)));
                else
                {
                    while (facets.Count < part - 1) facets.Add([]);
                    facets[part - 2].Add(new FacetCount(r.GetString(2), r.GetInt32(3)));
                }
            }
        }
        var hits = new List<SearchHit>(page.Count);
        if (page.Count > 0)
        {
            // The page's stored text for its snippets: a lookup by key, in page order.
            var rows = new Dictionary<long, SearchHit>();
            var snippets = new SnippetBuilder(parsed, SearchIndex.BodyField);
            using var cmd = new NpgsqlCommand("""
                SELECT d.seq, d.id, d.title, d.published, d.source, d.outlet, d.category, d.url, d.cluster_id, d.text, d.body_start
                FROM documents d WHERE d.seq = ANY($1)
                """, c, tx);
            cmd.Parameters.AddWithValue(page.Select(x => x.Seq).ToArray());
            using var reg = cancellationToken.Register(cmd.Cancel);
            using var r = cmd.ExecuteReader();
            var score = page.ToDictionary(x => x.Seq, x => x.Score);
            while (r.Read())
            {
                long seq = r.GetInt64(0);
                string id = r.GetString(1), text = r.GetString(9);
                int bodyStart = r.GetInt32(10);
                rows[seq] = new SearchHit(id, r.GetString(2), SearchIndex.MakeSnippet(_analyzer, snippets, text[bodyStart..], request),
                    r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3), Str(r, 4), Str(r, 5), Str(r, 6), Str(r, 7), Str(r, 8), score[seq]);
            }
            hits.AddRange(page.Select(x => rows[x.Seq]));
        }
        IReadOnlyList<FacetCount> F(int i) => facets.Count > i ? facets[i] : [];
        return new SearchResults(request.Query, total, hits, new SearchFacets(F(0), F(1), F(2), F(3)), sw.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// The request's query (parsed, and translated to a tsquery) and filters as one SQL condition over
    /// <c>documents d</c>, with its rank expression; every value the user gave becomes a parameter in <paramref name="args"/>.
    /// </summary>
    private (Lucene.Net.Search.Query Parsed, TsQuery.Match Match, string Cond, string Rank) Where(SearchRequest request, List<NpgsqlParameter> args)
    {
        var parsed = SearchIndex.Parse(_analyzer, request.Query);
        var match = TsQuery.Translate(parsed);
        // The WHERE clause is made of fixed fragments; every value the user gave is a parameter.
        var where = new List<string>();
        string Arg(object value, NpgsqlDbType type)
        {
            args.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            return "$" + args.Count;
        }
        string rank = "0::real";
        if (match.Query is { } q)
        {
            string p = Arg(q, NpgsqlDbType.Text);
            where.Add($"d.terms @@ {p}::tsquery");
            rank = $"ts_rank(d.terms, {p}::tsquery, {RankNormalization})";
        }
        if (request.From is { } from) where.Add($"d.published >= {Arg(from, NpgsqlDbType.Date)}");
        if (request.To is { } to) where.Add($"d.published <= {Arg(to, NpgsqlDbType.Date)}");
        if (!string.IsNullOrWhiteSpace(request.Source)) where.Add($"d.outlet_key = {Arg(request.Source.Trim().ToLowerInvariant(), NpgsqlDbType.Text)}");
        if (!string.IsNullOrWhiteSpace(request.Category)) where.Add($"d.category_key = {Arg(request.Category.Trim().ToLowerInvariant(), NpgsqlDbType.Text)}");
        if (!string.IsNullOrWhiteSpace(request.Entity))
            where.Add($"EXISTS (SELECT 1 FROM document_entities x WHERE x.doc_seq = d.seq AND x.entity_key = {Arg(request.Entity.Trim(), NpgsqlDbType.Text)})");
        if (!string.IsNullOrWhiteSpace(request.EventType))
            where.Add($"EXISTS (SELECT 1 FROM doc_events v WHERE v.doc_seq = d.seq AND v.type_key = {Arg(request.EventType.Trim().ToUpperInvariant(), NpgsqlDbType.Text)})");
        return (parsed, match, where.Count == 0 ? "TRUE" : string.Join(" AND ", where), rank);
    }

    /// <summary>
    /// The whole hit set of the request's query and filters (every matching id, ordinal order, not capped at
    /// <see cref="QueryLimits.MaxResults"/>); its page, order and facets are ignored.
    /// </summary>
    public IReadOnlyList<string> MatchingIds(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var args = new List<NpgsqlParameter>();
        var (_, match, cond, _) = Where(request, args);
        if (match.Nothing) return [];
        using var c = _db.OpenConnection();
        using var cmd = new NpgsqlCommand($"SELECT d.id FROM documents d WHERE {cond}", c);
        foreach (var a in args) cmd.Parameters.Add(a);
        cancellationToken.ThrowIfCancellationRequested();
        using var reg = cancellationToken.Register(cmd.Cancel);
        var ids = new List<string>();
        using (var r = cmd.ExecuteReader())
            while (r.Read()) ids.Add(r.GetString(0));
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }
}
