using Marsad.Ingest;

namespace Marsad.Ingest.Tests;

public sealed class HtmlArticleReaderTests : TempDir
{
    private const string Page = """
        <!doctype html>
        <html lang="ar" dir="rtl"><head>
        <meta charset="utf-8">
        <title>الرئيسية | موقع الأخبار</title>
        <meta property="og:title" content="البرلمان يصادق على قانون المالية">
        <meta property="og:site_name" content="أخبار اليوم">
        <meta property="article:published_time" content="2023-12-14T09:30:00+01:00">
        <meta property="article:section" content="سياسة">
        <style>body { color: red } .x::after { content: "نص الأسلوب" }</style>
        <script>var tracking = "نص البرنامج النصي"; document.write("إعلان");</script>
        </head><body>
        <header><nav><a href="/">الرئيسية</a> <a href="/politics">سياسة</a> <a href="/sport">رياضة</a></nav></header>
        <div class="share-bar">شارك على فيسبوك</div>
        <main>
          <article>
            <h1>البرلمان يصادق على قانون المالية</h1>
            <time datetime="2023-12-15">15 ديسمبر 2023</time>
            <p>صادق مجلس النواب، مساء الأربعاء، بالأغلبية على مشروع قانون المالية للسنة المقبلة بعد نقاش استمر أسبوعين.</p>
            <p>وصوت لصالح المشروع 185 نائباً، فيما عارضه 64 نائباً وامتنع 3 عن التصويت.</p>
            <script>alert("لا يجب أن يظهر")</script>
            <div class="related-articles"><p>اقرأ أيضاً: خبر آخر لا علاقة له بالموضوع الأصلي هنا</p></div>
          </article>
        </main>
        <aside><p>الأكثر قراءة: عنوان جانبي طويل بما يكفي ليبدو فقرة من فقرات الموقع</p></aside>
        <footer><p>جميع الحقوق محفوظة لموقع الأخبار ٢٠٢٣ وكل ما يتعلق بذلك من شروط</p></footer>
        </body></html>
        """;

    [Fact]
    public void Takes_the_article_text_without_boilerplate_scripts_or_styles()
    {
        var a = HtmlArticleReader.ReadFile(WriteText("page.html", Page));
        Assert.Equal("البرلمان يصادق على قانون المالية", a.Title);
        Assert.Equal(new DateOnly(2023, 12, 14), a.Published); // article:published_time wins over <time>
        Assert.Equal("سياسة", a.Category);
        Assert.Equal("أخبار اليوم", a.Outlet);
        Assert.Contains("صادق مجلس النواب، مساء الأربعاء", a.Body);
        Assert.Contains("وصوت لصالح المشروع 185 نائباً", a.Body);
        foreach (var junk in new[] { "نص البرنامج النصي", "لا يجب أن يظهر", "نص الأسلوب", "شارك على فيسبوك", "اقرأ أيضاً", "الأكثر قراءة", "جميع الحقوق", "رياضة" })
            Assert.DoesNotContain(junk, a.Body);
        Assert.Equal(2, a.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Length > 30));
    }

    [Fact]
    public void Date_from_json_ld_then_time_element()
    {
        const string withJsonLd = """
            <html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"انطلاق موسم الحصاد","datePublished":"2024-05-02T07:00:00Z"}]}</script></head>
            <body><div><p>انطلق موسم الحصاد في السهول الداخلية وسط توقعات بمحصول وفير هذه السنة.</p></div></body></html>
            """;
        var a = HtmlArticleReader.Parse(withJsonLd, "ld.html");
        Assert.Equal("انطلاق موسم الحصاد", a.Title);
        Assert.Equal(new DateOnly(2024, 5, 2), a.Published);

        const string withTime = """
            <html><head><title>خبر</title></head><body><h1>افتتاح معرض الكتاب</h1><time datetime="2024-02-08T10:00">الخميس</time>
            <p>افتتح معرض الكتاب أبوابه أمام الزوار بمشاركة مئات الناشرين من عشرات الدول.</p></body></html>
            """;
        var b = HtmlArticleReader.Parse(withTime, "time.html");
        Assert.Equal("افتتاح معرض الكتاب", b.Title);
        Assert.Equal(new DateOnly(2024, 2, 8), b.Published);
        Assert.StartsWith("افتتح معرض الكتاب", b.Body);
    }

    [Fact]
    public void Page_of_only_scripts_is_refused()
    {
        var e = Assert.Throws<InputException>(() => HtmlArticleReader.Parse("<html><head><script>var a = 1;</script></head><body><script>b()</script></body></html>", "s.html"));
        Assert.Contains("no article text", e.Problem);
    }

    [Fact]
    public void Broken_json_ld_does_not_stop_the_page()
    {
        var a = HtmlArticleReader.Parse("""<html><head><script type="application/ld+json">{"datePublished": </script><meta name="date" content="2022-01-09"></head><body><p>نص الخبر الذي يكفي طوله ليكون فقرة من فقرات المقال.</p></body></html>""", "b.html");
        Assert.Equal(new DateOnly(2022, 1, 9), a.Published);
    }
}
