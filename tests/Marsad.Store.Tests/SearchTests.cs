using Marsad.Analysis;
using Marsad.Store;

namespace Marsad.Store.Tests;

/// <summary>Arabic search on a small archive of articles written for these tests.</summary>
public sealed class SearchTests : TempArchive
{
    private readonly MarsadArchive _archive;
    private readonly Dictionary<string, string> _ids = [];

    public SearchTests()
    {
        _archive = MarsadArchive.Open(DataDir);
        var articles = new (string Key, ArticleInput A)[]
        {
            ("coalition", Article("التحالف الدولي يعلن خطة جديدة",
                "أعلن التحالف الدولي اليوم عن خطة لدعم الاستقرار في المنطقة. وقال متحدث باسم قيادة القوات إن الخطة تبدأ الشهر المقبل.",
                "2023-03-05", "alpha", "politics")),
            ("lil", Article("وزير الخارجية يعد بدعم إضافي",
                "قال وزير الخارجية إن بلاده ستقدم دعماً ماليا للتحالف في المرحلة المقبلة، مؤكدا التزامها بتعهداتها السابقة.",
                "2023-04-10", "beta", "politics")),
            ("bil", Article("الحكومة ترحب بالاتفاق بين الأحزاب",
                "رحبت الحكومة بالتحالف الجديد بين أحزاب الأغلبية، ووصفته بأنه خطوة نحو استقرار سياسي طويل.",
                "2023-04-20", "alpha", "economy")),
            ("africa", Article("نمو اقتصادي في القارة",
                "تشهد دول إفريقيا نمواً اقتصادياً ملحوظاً بفضل الاستثمارات في البنية التحتية والطاقة المتجددة.",
                "2022-11-01", "beta", "economy")),
            ("council", Article("جلسة طارئة في نيويورك",
                "عقد مجلس الأمن الدولي جلسة طارئة لبحث الأوضاع الإنسانية، ودعا الأعضاء إلى وقف فوري لإطلاق النار.",
                "2023-06-08", "gamma", "politics")),
            ("city", Article("اجتماع المجلس البلدي",
                "ناقش مجلس المدينة في اجتماعه الشهري قضايا الأمن والنظافة وتنظيم حركة السير في الأحياء القديمة.",
                "2023-06-09", "gamma", "local")),
            ("sport", Article("فوز المنتخب في المباراة الودية",
                "فاز المنتخب الوطني على نظيره بهدفين دون رد في مباراة ودية جرت مساء السبت <script>alert(1)</script> أمام جمهور غفير.",
                "2023-07-01", "alpha", "sports")),
        };
        var summary = _archive.Ingest(articles.Select(a => a.A), Small);
        Assert.Equal(articles.Length, summary.Stored);
        foreach (var (key, a) in articles) _ids[key] = AnalyzedDocument.ComputeId(a.Body);
    }

    public override void Dispose()
    {
        _archive.Dispose();
        base.Dispose();
    }

    private HashSet<string> Find(string query, DateOnly? from = null, DateOnly? to = null, string? source = null, string? category = null)
    {
        var res = _archive.Search(new SearchRequest { Query = query, From = from, To = to, Source = source, Category = category, Limit = 50 });
        Assert.Equal(res.Total, res.Hits.Count);
        return res.Hits.Select(h => _ids.Single(kv => kv.Value == h.Id).Key).ToHashSet();
    }

    [Theory]
    [InlineData("التحالف", new[] { "coalition", "lil", "bil" })]
    [InlineData("للتحالف", new[] { "coalition", "lil", "bil" })]
    [InlineData("بالتحالف", new[] { "coalition", "lil", "bil" })]
    [InlineData("تحالف", new[] { "coalition", "lil", "bil" })]
    [InlineData("أفريقيا", new[] { "africa" })]
    [InlineData("افريقيا", new[] { "africa" })]
    [InlineData("إفريقيا", new[] { "africa" })]
    [InlineData("الحكومه", new[] { "bil" })]
    [InlineData("المنتخب", new[] { "sport" })]
    public void Spelling_variants_and_clitics_match(string query, string[] expected) =>
        Assert.Equal(expected.ToHashSet(), Find(query));

    [Fact]
    public void Phrase_query_needs_the_words_together()
    {
        Assert.Equal(["council"], Find("\"مجلس الأمن\""));
        Assert.Equal(["council", "city"], Find("مجلس الأمن"));
    }

    [Fact]
    public void Boolean_operators()
    {
        Assert.Equal(["coalition", "lil"], Find("التحالف -الحكومة"));
        Assert.Equal(["coalition", "lil"], Find("التحالف NOT الحكومة"));
        Assert.Equal(["africa", "sport"], Find("إفريقيا OR المنتخب"));
        Assert.Equal(["bil"], Find("التحالف AND الأغلبية"));
    }

    [Fact]
    public void Date_range_source_and_category_filters()
    {
        Assert.Equal(["lil", "bil"], Find("التحالف", from: new DateOnly(2023, 4, 1), to: new DateOnly(2023, 4, 30)));
        Assert.Equal(["coalition"], Find("التحالف", to: new DateOnly(2023, 3, 31)));
        Assert.Equal(["coalition", "bil"], Find("التحالف", source: "ALPHA"));
        Assert.Equal(["bil"], Find("التحالف", category: "economy"));
        Assert.Empty(Find("التحالف", from: new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void Facet_counts_by_source_month_and_category()
    {
        var res = _archive.Search(new SearchRequest { Query = "التحالف" });
        Assert.Equal(3, res.Total);
        Assert.Equal([new FacetCount("alpha", 2), new FacetCount("beta", 1)], res.Facets.Sources);
        Assert.Equal([new FacetCount("2023-04", 2), new FacetCount("2023-03", 1)], res.Facets.Months);
        Assert.Equal([new FacetCount("politics", 2), new FacetCount("economy", 1)], res.Facets.Categories);
    }

    [Fact]
    public void Snippets_highlight_the_original_spelling()
    {
        var res = _archive.Search(new SearchRequest { Query = "التحالف", Limit = 10 });
        var lil = res.Hits.Single(h => h.Id == _ids["lil"]);
        Assert.Contains("<mark>للتحالف</mark>", lil.Snippet.Render("<mark>", "</mark>"));
        var bil = res.Hits.Single(h => h.Id == _ids["bil"]);
        Assert.Contains("<mark>بالتحالف</mark>", bil.Snippet.Render("<mark>", "</mark>"));
        var africa = _archive.Search(new SearchRequest { Query = "أفريقيا" }).Hits.Single();
        Assert.Contains("[إفريقيا]", africa.Snippet.Render("[", "]"));
    }

    [Fact]
    public void Snippet_highlights_are_offsets_of_the_matched_words_in_the_plain_text()
    {
        var hit = _archive.Search(new SearchRequest { Query = "التحالف", Limit = 10 }).Hits.Single(h => h.Id == _ids["lil"]);
        Assert.NotEmpty(hit.Snippet.Highlights);
        Assert.Contains(hit.Snippet.Highlights, h => hit.Snippet.Text.Substring(h.Start, h.Length) == "للتحالف");
        // In order, not overlapping, inside the text; no marker characters in it.
        int end = 0;
        foreach (var h in hit.Snippet.Highlights)
        {
            Assert.True(h.Start >= end && h.Length > 0 && h.Start + h.Length <= hit.Snippet.Text.Length);
            end = h.Start + h.Length;
        }
        Assert.DoesNotContain("<mark>", hit.Snippet.Text);
        Assert.DoesNotContain('\n', hit.Snippet.Text);
    }

    [Fact]
    public void Snippet_text_is_html_escaped()
    {
        var hit = _archive.Search(new SearchRequest { Query = "المنتخب" }).Hits.Single();
        // The snippet is plain text; rendered as HTML it is escaped (the markers are not).
        Assert.Contains("<script>", hit.Snippet.Text);
        var html = hit.Snippet.Render("<mark>", "</mark>", htmlEscape: true);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Empty_query_lists_everything_newest_first()
    {
        var res = _archive.Search(new SearchRequest { Query = "", Limit = 3 });
        Assert.Equal(7, res.Total);
        Assert.Equal([_ids["sport"], _ids["city"], _ids["council"]], res.Hits.Select(h => h.Id));
    }

    [Fact]
    public void Broken_query_syntax_is_searched_as_words()
    {
        var res = _archive.Search(new SearchRequest { Query = "\"مجلس الأمن" });
        Assert.Contains(res.Hits, h => h.Id == _ids["council"]);
        Assert.Equal(0, _archive.Search(new SearchRequest { Query = "في من" }).Total); // stop words only
    }

    [Fact]
    public void Title_matches_rank_above_body_matches()
    {
        var res = _archive.Search(new SearchRequest { Query = "التحالف" });
        Assert.Equal(_ids["coalition"], res.Hits[0].Id);
    }

    [Fact]
    public void Stored_document_and_analysis_come_back()
    {
        var id = _ids["council"];
        var doc = _archive.GetDocument(id)!;
        Assert.Equal("جلسة طارئة في نيويورك", doc.Title);
        Assert.Equal(new DateOnly(2023, 6, 8), doc.Published);
        Assert.Equal("gamma", doc.Outlet);
        Assert.StartsWith("عقد مجلس الأمن", doc.Text[doc.BodyStart..]);
        var analysis = _archive.GetAnalysis(id)!;
        Assert.Equal(AnalysisContract.SchemaName, analysis.Schema);
        Assert.Equal(doc.Text, analysis.Text);
        Assert.Equal(id, analysis.Document.Id);
        Assert.NotEmpty(analysis.Sentences);
        Assert.Null(_archive.GetDocument("0000000000000000"));
        Assert.Null(_archive.GetAnalysis("nope"));
    }

    [Fact]
    public void Reopened_archive_searches_the_same()
    {
        using var again = MarsadArchive.Open(DataDir + "-copy-never-created");
        Assert.Equal(0, again.Count);
        Directory.Delete(again.DataDir, true);
        Assert.Equal(7, _archive.Count);
    }

    [Fact]
    public void Entity_facet_counts_match_the_entity_filter()
    {
        var res = _archive.Search(new SearchRequest { Query = "" });
        Assert.NotEmpty(res.Facets.Entities);
        // Most documents first, ties by key.
        Assert.Equal(res.Facets.Entities.OrderByDescending(e => e.Count).ThenBy(e => e.Value, StringComparer.Ordinal), res.Facets.Entities);
        foreach (var e in res.Facets.Entities)
            Assert.Equal(e.Count, _archive.Search(new SearchRequest { Entity = e.Value, Facets = false }).Total);
        // Within a query: only entities of its hits.
        var coalition = _archive.Search(new SearchRequest { Query = "التحالف" });
        Assert.All(coalition.Facets.Entities, e => Assert.True(e.Count <= coalition.Total));
        Assert.True(_archive.Search(new SearchRequest { Query = "التحالف", FacetLimit = 1 }).Facets.Entities.Count <= 1);
    }

    [Fact]
    public void Repeated_search_gives_the_same_answer_and_sees_new_documents()
    {
        var first = _archive.Search(new SearchRequest { Query = "المنتخب" });
        var again = _archive.Search(new SearchRequest { Query = "المنتخب" });
        Assert.Equal(first.Total, again.Total);
        Assert.Equal(first.Hits, again.Hits);
        Assert.Equal(first.Facets.Sources, again.Facets.Sources);
        Assert.Equal(first.Facets.Entities, again.Facets.Entities);
        // Page 2 of a cached page-1 query, then a new document: the cache never answers for an older index.
        Assert.Empty(_archive.Search(new SearchRequest { Query = "المنتخب", Offset = 10 }).Hits);
        _archive.Ingest([Article("المنتخب يستعد للبطولة", "بدأ المنتخب الوطني معسكرا تدريبيا استعدادا للبطولة القارية المقبلة.", "2023-08-01", "beta", "sports")], Small);
        var after = _archive.Search(new SearchRequest { Query = "المنتخب" });
        Assert.Equal(first.Total + 1, after.Total);
        Assert.Equal(first.Facets.Sources.Sum(x => x.Count) + 1, after.Facets.Sources.Sum(x => x.Count));
    }
}
