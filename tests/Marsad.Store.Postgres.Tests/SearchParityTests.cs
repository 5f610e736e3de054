namespace Marsad.Store.Postgres.Tests;

/// <summary>
/// Search on PostgreSQL against the embedded index on the same articles: the same hit sets and
/// totals for boolean queries (words, phrases, OR, NOT, prefixes, title:, filters) and the same facets.
/// (The 300-query comparison on a real corpus: <c>marsad bench search-parity</c>, see the README's scaling section.)
/// </summary>
public sealed class SearchParityTests
{
    private static readonly string[] Queries =
    [
        "الأمن المائي", "\"الأمن المائي\"", "\"المائي الأمن\"", "مؤتمر", "أسعار", "أسعار القمح", "أسعار -القمح", "أسعار NOT القمح",
        "القمح OR التضخم", "(القمح OR التضخم) AND أسعار", "الجفاف", "الجفاف NOT تحلية", "تحلية مياه البحر", "\"مياه البحر\"",
        "title:مؤتمر", "title:أسعار", "تحل*", "الدار البيضاء", "\"الدار البيضاء\"", "الوداد OR فيضانات OR احتجاجات", "-أسعار",
        "أسعار OR -القمح", "الأهلي المصري", "البنك", "البنك -الدولي", "البنك AND (التونسي OR الدولي)", "تونس", "الجزائر", "والجزائر",
        "للأمن", "\"رفع سعر الفائدة\"", "كلمة_غير_موجودة", "في", "*", "",
    ];

    [PgFact]
    public void Boolean_queries_and_filters_find_the_same_documents_as_the_embedded_index()
    {
        var dir = Directory.CreateTempSubdirectory("marsad-pg-parity-").FullName;
        try
        {
            using var db = PgServer.CreateDatabase();
            using var embedded = MarsadArchive.Open(dir);
            using var pg = PostgresArchive.Open(db.Url);
            embedded.Ingest(Articles.Items(Articles.All), new IngestOptions { Workers = 2 });
            pg.Ingest(Articles.Items(Articles.All), new IngestOptions { Workers = 2 });

            var all = embedded.Search(new SearchRequest { Limit = 100 });
            string entity = all.Facets.Entities.First(e => e.Count >= 2).Value;
            string eventType = embedded.EnumerateDocuments().SelectMany(d => embedded.GetAnalysis(d.Id)!.Events).Select(e => e.Type).First();
            var filters = new SearchRequest[]
            {
                new(), new() { Source = "hespress" }, new() { Category = "Economy" }, new() { From = new(2023, 2, 1), To = new(2023, 3, 31) },
                new() { Entity = entity }, new() { EventType = eventType.ToLowerInvariant() },
            };
            int compared = 0, nonEmpty = 0;
            foreach (var f in filters)
                foreach (var q in Queries)
                {
                    var r = f with { Query = q, Limit = 100 };
                    var a = embedded.Search(r);
                    var b = pg.Search(r);
                    string what = $"query «{q}» with {Describe(f)}";
                    Assert.True(a.Total == b.Total, $"{what}: {a.Total} hits embedded, {b.Total} on PostgreSQL");
                    Assert.Equal(a.Hits.Select(h => h.Id).Order(), b.Hits.Select(h => h.Id).Order());
                    Assert.Equal(Facets(a.Facets.Sources), Facets(b.Facets.Sources));
                    Assert.Equal(Facets(a.Facets.Categories), Facets(b.Facets.Categories));
                    Assert.Equal(Facets(a.Facets.Months), Facets(b.Facets.Months));
                    Assert.Equal(Facets(a.Facets.Entities), Facets(b.Facets.Entities));
                    compared++;
                    if (a.Total > 0) nonEmpty++;
                }
            Assert.True(nonEmpty > compared / 3, $"only {nonEmpty} of {compared} queries found anything: the comparison says little");
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    [PgFact]
    public void Hits_carry_snippets_from_the_stored_text_and_title_matches_rank_first()
    {
        using var db = PgServer.CreateDatabase();
        using var pg = PostgresArchive.Open(db.Url);
        pg.Ingest(Articles.Items(Articles.All), new IngestOptions { Workers = 2 });
        var r = pg.Search(new SearchRequest { Query = "أسعار" });
        Assert.Equal(Articles.All.Count(a => (a.Title + " " + a.Body).Contains("أسعار", StringComparison.Ordinal)), r.Total);
        // «أسعار» is in the title of the wheat article only: weight A ranks it first.
        Assert.Equal("ارتفاع أسعار القمح في الأسواق المصرية", r.Hits[0].Title);
        Assert.Contains("<mark>أسعار</mark>", r.Hits[0].Snippet.Render("<mark>", "</mark>"), StringComparison.Ordinal);
        var page2 = pg.Search(new SearchRequest { Query = "أسعار", Limit = 2, Offset = 2 });
        Assert.Equal(r.Hits.Skip(2).Take(2).Select(h => h.Id), page2.Hits.Select(h => h.Id));
        Assert.Throws<Index.SearchRefusedException>(() => pg.Search(new SearchRequest { Query = "أسعا~" }));
    }

    [PgFact]
    public void Generated_queries_with_every_filter_have_the_same_whole_hit_sets_in_both_stores()
    {
        var dir = Directory.CreateTempSubdirectory("marsad-pg-sets-").FullName;
        try
        {
            using var db = PgServer.CreateDatabase();
            MarsadStores.Register(new PostgresStoreProvider());
            using var embedded = EmbeddedStore.Open(dir);
            using var pg = MarsadStores.Open(db.Url);
            embedded.Ingest(Articles.Items(Articles.All), new IngestOptions { Workers = 2 });
            pg.Ingest(Articles.Items(Articles.All.Reverse()), new IngestOptions { Workers = 2 });
            var queries = Bench.QueryGenerator.Generate(embedded, 120, seed: 3, layerFilters: true);
            foreach (var kind in new[] { "word", "pair", "phrase", "or", "not", "word+entity" })
                Assert.Contains(queries, q => q.Kind == kind);
            Assert.Contains(queries, q => q.Request.EventType is not null);
            var report = Bench.SearchParity.Compare(embedded, pg, queries);
            var differ = report.Outcomes.Where(o => !o.Same).Select(o => $"{o.Query.Kind} «{o.Query.Request.Query}» {o.Query.Request.Entity}{o.Query.Request.EventType}: {o.SetA}/{o.SetB} {o.Refused}");
            Assert.True(report.Same == queries.Count, string.Join("\n", differ));
            Assert.True(report.Outcomes.Count(o => o.SetA > 0) > queries.Count / 2, "most generated queries should find something");
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    [PgFact]
    public void The_whole_hit_set_goes_past_the_page_cap_and_ties_are_ordered_by_id()
    {
        using var db = PgServer.CreateDatabase();
        using var pg = PostgresArchive.Open(db.Url);
        pg.Ingest(Articles.Items(Articles.All.Take(1)), new IngestOptions { Workers = 1 });
        // Copies of the first document under other ids: more matches than a page holds, all scoring the same.
        int copies = Index.QueryLimits.MaxResults + 40;
        using (var c = new Npgsql.NpgsqlConnection(PostgresUrl.ToConnectionString(db.Url)))
        {
            c.Open();
            using var cmd = new Npgsql.NpgsqlCommand("""
                INSERT INTO documents(id, title, text, body_start, analysis, terms, analyzer, published, outlet, outlet_key)
                SELECT 'copy' || lpad(g::text, 6, '0'), title, text, body_start, analysis, terms, analyzer, published, outlet, outlet_key
                FROM documents, generate_series(1, $1) AS g WHERE seq = (SELECT min(seq) FROM documents)
                """, c);
            cmd.Parameters.AddWithValue(copies);
            cmd.ExecuteNonQuery();
        }
        string word = "المائي";
        var page = pg.Search(new SearchRequest { Query = word, Limit = Index.QueryLimits.MaxResults, Facets = false });
        Assert.Equal(copies + 1, page.Total);
        Assert.Equal(Index.QueryLimits.MaxResults, page.Hits.Count);
        var ids = pg.MatchingIds(new SearchRequest { Query = word, Limit = 1 });
        Assert.Equal(copies + 1, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(copies + 1, ids.Distinct().Count());
        Assert.Empty(pg.MatchingIds(new SearchRequest { Query = word + " -" + word }));
        // Equal scores and dates: pages follow the ids, so two servers (or two ingests) page alike.
        var second = pg.Search(new SearchRequest { Query = word, Limit = 5, Offset = 5 }).Hits.Select(h => h.Id).ToList();
        Assert.Equal(ids.Skip(5).Take(5), second);
    }

    private static string Describe(SearchRequest f) =>
        string.Join(", ", new[] { f.Source, f.Category, f.From?.ToString("o"), f.To?.ToString("o"), f.Entity, f.EventType }.Where(x => x is not null)) is { Length: > 0 } s ? s : "no filter";

    private static List<string> Facets(IReadOnlyList<FacetCount> f) => f.Select(x => $"{x.Value}={x.Count}").Order(StringComparer.Ordinal).ToList();
}
