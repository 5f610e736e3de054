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
        string order = match.Everything ? "d.published DESC NULLS LAST, d.id COLLATE \"C\""
            : request.SortByDate ? "d.published DESC NULLS LAST, score DESC, d.id COLLATE \"C\"" : "score DESC, d.published DESC NULLS LAST, d.id COLLATE \"C\"";
        string limit = Arg(request.Limit, NpgsqlDbType.Integer), offset = Arg(request.Offset, NpgsqlDbType.Integer);
        string facetLimit = Arg(request.FacetLimit, NpgsqlDbType.Integer);

        using var c = _db.OpenConnection();
        using var batch = new NpgsqlBatch(c);
        void Add(string sql)
        {
            var cmd = new NpgsqlBatchCommand(sql);
            foreach (var a in args) cmd.Parameters.Add(a.Clone());
            batch.BatchCommands.Add(cmd);
        }
        // One round trip: the count, the page, and (when asked) the four facets over the same matching set.
        // (Each statement gets every parameter; PostgreSQL accepts unused ones since their types are given.)
        Add($"SELECT count(*) FROM documents d WHERE {cond}");
        Add($"""
            SELECT d.id, d.title, d.published, d.source, d.outlet, d.category, d.url, d.cluster_id, d.text, d.body_start, {rank} AS score
            FROM documents d WHERE {cond} ORDER BY {order} LIMIT {limit} OFFSET {offset}
            """);
        if (request.Facets)
        {
            // Values as written; a blank outlet or category (no filter key) is no facet value, as in the embedded index.
            string Facet(string value, string present, string extra, bool byCount) => $"""
                SELECT {value} AS v, count(*)::int AS n FROM documents d {extra} WHERE {cond} AND {present} IS NOT NULL
                GROUP BY 1 ORDER BY {(byCount ? $"n DESC, {value} COLLATE \"C\"" : "v DESC")} LIMIT {facetLimit}
                """;
            Add(Facet("d.outlet", "d.outlet_key", "", true));
            Add(Facet("to_char(d.published, 'YYYY-MM')", "d.published", "", false));
            Add(Facet("d.category", "d.category_key", "", true));
            Add(Facet("x.entity_key", "x.entity_key", "JOIN document_entities x ON x.doc_seq = d.seq", true));
        }
        cancellationToken.ThrowIfCancellationRequested();
        using var reg = cancellationToken.Register(batch.Cancel);
        using var r = batch.ExecuteReader();
        r.Read();
        int total = (int)r.GetInt64(0);
        r.NextResult();
        var snippets = new SnippetBuilder(parsed, SearchIndex.BodyField);
        var hits = new List<SearchHit>();
        while (r.Read())
        {
            string id = r.GetString(0), text = r.GetString(8);
            int bodyStart = r.GetInt32(9);
            hits.Add(new SearchHit(id, r.GetString(1), SearchIndex.MakeSnippet(_analyzer, snippets, text[bodyStart..], request),
                r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2), Str(r, 3), Str(r, 4), Str(r, 5), Str(r, 6), Str(r, 7), r.GetFloat(10)));
        }
        var facets = new List<List<FacetCount>>();
        while (request.Facets && r.NextResult())
        {
            var list = new List<FacetCount>();
            while (r.Read()) list.Add(new FacetCount(r.GetString(0), r.GetInt32(1)));
            facets.Add(list);
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
