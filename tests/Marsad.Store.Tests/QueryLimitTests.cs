using Marsad.Store.Index;

namespace Marsad.Store.Tests;

/// <summary>Issue 14, item 1: no query can run unbounded (regular expressions, fans of fuzzy terms, huge pages).</summary>
public sealed class QueryLimitTests : TempArchive
{
    private MarsadArchive Filled()
    {
        var a = MarsadArchive.Open(DataDir);
        a.Ingest([
            Article("افتتاح معرض الكتاب في الرباط", "افتتح وزير الثقافة معرض الكتاب الدولي في الرباط بمشاركة مئات الناشرين من العالم العربي.", "2024-02-01"),
            Article("أمطار غزيرة تغرق شوارع الإسكندرية", "غمرت مياه الأمطار الغزيرة شوارع الإسكندرية وتعطلت حركة المرور في عدة أحياء.", "2024-03-05"),
            Article("اتفاق تجاري بين تونس والجزائر", "وقعت تونس والجزائر اتفاقا لتسهيل التجارة عبر المعابر الحدودية بين البلدين.", "2024-04-09"),
        ], Small);
        return a;
    }

    /// <summary>Runs the search on another thread: today's code never returns from the regular expression, so the test must not wait forever.</summary>
    private static Exception? Within20s(Action search)
    {
        var task = Task.Run(search);
        Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(20)), "the search did not finish within 20 s");
        return task.Exception?.InnerException;
    }

    [Fact]
    public void A_regular_expression_is_refused_at_once_with_the_reason()
    {
        using var a = Filled();
        var e = Within20s(() => a.Search(new SearchRequest { Query = "/(.*a.{30})/" }));
        var refused = Assert.IsType<SearchRefusedException>(e);
        Assert.Contains("regular expressions", refused.Message);
        // Also inside a larger query and on one field.
        Assert.Throws<SearchRefusedException>(() => a.Search(new SearchRequest { Query = "معرض AND body:/ا.*ب.{20}/" }));
    }

    [Fact]
    public void Wildcards_and_fuzzy_terms_are_bounded()
    {
        using var a = Filled();
        // A sane wildcard and a few fuzzy words still search.
        Assert.Equal(0, a.Search(new SearchRequest { Query = "قطار* سفين*" }).Total);
        Assert.InRange(a.Search(new SearchRequest { Query = "الرباط~1 الكتاب~1 معرض~2" }).Total, 0, 1);
        // A fan of fuzzy terms, a one-letter prefix and a term of many wildcards are refused.
        string fan = string.Join(' ', Enumerable.Range(0, 12).Select(i => $"كلمة{i}~2"));
        Assert.Contains("at most", Assert.Throws<SearchRefusedException>(() => a.Search(new SearchRequest { Query = fan })).Message);
        Assert.Throws<SearchRefusedException>(() => a.Search(new SearchRequest { Query = "م*" }));
        Assert.Throws<SearchRefusedException>(() => a.Search(new SearchRequest { Query = "مع?*?*?*ر" }));
    }

    [Theory]
    [InlineData(int.MaxValue, 0)]
    [InlineData(1_000_000_000, 0)]
    [InlineData(10, QueryLimits.MaxResults)]
    public void Limits_past_the_maximum_are_refused_not_allocated(int limit, int offset)
    {
        using var a = Filled();
        var e = Assert.Throws<SearchRefusedException>(() => a.Search(new SearchRequest { Query = "معرض", Limit = limit, Offset = offset }));
        Assert.Contains("at most 10,000", e.Message);
        Assert.Equal(1, a.Search(new SearchRequest { Query = "معرض", Limit = QueryLimits.MaxResults }).Total);
    }

    [Fact]
    public void A_search_stops_at_its_budget_and_when_cancelled()
    {
        using var a = Filled();
        Assert.Throws<SearchTimeoutException>(() => a.Search(new SearchRequest { Query = "", TimeBudget = TimeSpan.Zero }));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => a.Search(new SearchRequest { Query = "الرباط" }, cts.Token));
        Assert.Equal(3, a.Search(new SearchRequest { Query = "" }).Total);
    }
}
