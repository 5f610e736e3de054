using Marsad.Analysis;
using Marsad.Ingest;
using Marsad.Store.Index;

namespace Marsad.Store.Tests;

/// <summary>
/// The whole hit set of a query (<see cref="SearchIndex.MatchingIds"/>) past the page cap: a search returns
/// at most <see cref="QueryLimits.MaxResults"/> ranked hits, so two stores that rank differently return
/// different pages of the same matches; the set is what can be compared between them.
/// </summary>
public sealed class HitSetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("marsad-hitset-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Every_match_is_in_the_set_when_there_are_more_than_a_page_holds()
    {
        int n = QueryLimits.MaxResults + 37, spring = 0;
        using (var w = new SearchIndex(_dir))
        {
            w.EnsureCreated();
            for (int i = 0; i < n; i++)
            {
                // Bodies of different lengths: the matches score differently, as in a real archive.
                bool march = i % 500 == 0;
                if (march) spring++;
                string body = "نص الخبر عن الاتفاق" + string.Concat(Enumerable.Repeat(" والمفاوضات", i % 7));
                w.Add(SearchIndex.BuildDocument($"d{i:D6}", "عنوان", body, new DateOnly(2024, march ? 3 : 1, 1 + i % 28), i % 2 == 0 ? "alpha" : "beta", null, [], []));
            }
            w.Add(SearchIndex.BuildDocument("other", "عنوان آخر", "لا شيء هنا", new DateOnly(2024, 1, 2), "alpha", null, [], []));
            w.Commit();
        }
        using var index = new SearchIndex(_dir);
        var page = index.Search(new SearchRequest { Query = "الاتفاق", Limit = QueryLimits.MaxResults, Facets = false });
        Assert.Equal(n, page.Total);
        Assert.Equal(QueryLimits.MaxResults, page.Hits.Count);

        var all = index.MatchingIds(new SearchRequest { Query = "الاتفاق", Limit = 10 });
        Assert.Equal(n, all.Count);
        Assert.Equal(Enumerable.Range(0, n).Select(i => $"d{i:D6}"), all);   // ordinal order, each once, "other" not in it
        Assert.Superset(page.Hits.Select(h => h.Id).ToHashSet(), all.ToHashSet());
        Assert.Equal(n + 1, index.MatchingIds(new SearchRequest { Query = "عنوان" }).Count);
        Assert.Equal(spring, index.MatchingIds(new SearchRequest { Query = "الاتفاق", From = new DateOnly(2024, 3, 1), To = new DateOnly(2024, 3, 31) }).Count);
        Assert.Equal((n + 1) / 2, index.MatchingIds(new SearchRequest { Query = "الاتفاق", Source = "alpha" }).Count);
        Assert.Empty(index.MatchingIds(new SearchRequest { Query = "الاتفاق -عنوان" }));
        Assert.Throws<SearchTimeoutException>(() => index.MatchingIds(new SearchRequest { Query = "الاتفاق", TimeBudget = TimeSpan.FromTicks(1) }));
    }
}

/// <summary><see cref="Bench.SearchParity"/>: the same archive in two stores compares identical; a store missing a document does not.</summary>
public sealed class SearchParityComparerTests : TempArchive
{
    private static readonly ArticleInput[] News =
    [
        Article("وزيرا الخارجية يجتمعان في القاهرة", "اجتمع وزير الخارجية المصري مع نظيره السعودي في القاهرة عاصمة مصر يوم الاثنين لبحث التعاون الاقتصادي.", "2024-04-08", "alpha", "politics"),
        Article("مباحثات مصرية سعودية في القاهرة", "التقى وزير الخارجية المصري في القاهرة بوزير الخارجية السعودي وتناولت المباحثات التبادل التجاري.", "2024-04-09", "beta", "politics"),
        Article("مظاهرة في الرباط ضد الغلاء", "تظاهر آلاف المغاربة في الرباط يوم الأحد احتجاجا على ارتفاع الأسعار وللمطالبة برفع الأجور.", "2024-06-02", "alpha", "society"),
        Article("ارتفاع أسعار القمح في مصر", "ارتفعت أسعار القمح في الأسواق المصرية بعد تراجع الواردات، وقال تجار في القاهرة إن الخبز لم يتأثر.", "2024-02-14", "beta", "economy"),
        Article("البنك المركزي التونسي يرفع الفائدة", "قرر البنك المركزي التونسي في تونس رفع سعر الفائدة لمواجهة التضخم وارتفاع أسعار الغذاء.", "2024-01-20", "alpha", "economy"),
    ];

    [Fact]
    public void The_same_archive_compares_identical_and_a_missing_document_is_found()
    {
        using var a = EmbeddedStore.Open(Path.Combine(DataDir, "a"));
        using var b = EmbeddedStore.Open(Path.Combine(DataDir, "b"));
        using var c = EmbeddedStore.Open(Path.Combine(DataDir, "c"));
        a.Ingest(News.Select((x, i) => IngestItem.Ok(x, $"n{i}")), Small);
        b.Ingest(News.Reverse().Select((x, i) => IngestItem.Ok(x, $"n{i}")), Small);   // another order: other doc numbers, other ties
        c.Ingest(News.Skip(1).Select((x, i) => IngestItem.Ok(x, $"n{i}")), Small);

        var queries = Bench.QueryGenerator.Generate(a, 48, seed: 7, layerFilters: true);
        Assert.Contains(queries, q => q.Request.Entity is not null);
        Assert.Contains(queries, q => q.Request.EventType is not null);
        var same = Bench.SearchParity.Compare(a, b, queries);
        Assert.Equal(queries.Count, same.Same);
        Assert.Equal(queries.Count, same.PageMsA.Count);

        var missing = Bench.SearchParity.Compare(a, c, [new("word", new SearchRequest { Query = "الخارجية" })]);
        var o = Assert.Single(missing.Outcomes);
        Assert.False(o.Same);
        Assert.Equal((2, 1), (o.SetA, o.SetB));
        Assert.Equal([StoreKeys.Document(News[0])], o.OnlyA);
        Assert.Empty(o.OnlyB);
    }
}
