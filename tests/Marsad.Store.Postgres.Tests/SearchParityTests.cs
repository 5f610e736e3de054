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

    private static string Describe(SearchRequest f) =>
        string.Join(", ", new[] { f.Source, f.Category, f.From?.ToString("o"), f.To?.ToString("o"), f.Entity, f.EventType }.Where(x => x is not null)) is { Length: > 0 } s ? s : "no filter";

    private static List<string> Facets(IReadOnlyList<FacetCount> f) => f.Select(x => $"{x.Value}={x.Count}").Order(StringComparer.Ordinal).ToList();
}
