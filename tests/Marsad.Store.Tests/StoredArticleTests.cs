using Marsad.Analysis;
using Microsoft.Data.Sqlite;

namespace Marsad.Store.Tests;

/// <summary>A stored document turns back into the article it was made from (what copying an archive into another store relies on).</summary>
public sealed class StoredArticleTests
{
    [Theory]
    [InlineData("افتتاح معرض الكتاب في الرباط", "دورة جديدة بمشاركة 40 دولة", "افتتح وزير الثقافة معرض الكتاب الدولي في الرباط صباح اليوم.\n\nويستمر المعرض عشرة أيام.")]
    [InlineData("أمطار غزيرة على الساحل", null, "هطلت أمطار غزيرة على مدن الساحل طوال الليل.")]
    [InlineData("عنوان فقط بلا نص", null, "")]
    public void ToArticle_gives_back_title_subtitle_and_body_with_the_same_id(string title, string? subtitle, string body)
    {
        var dir = Directory.CreateTempSubdirectory("marsad-toarticle-").FullName;
        try
        {
            var article = new ArticleInput
            {
                Title = title, Subtitle = subtitle, Body = body, Published = new DateOnly(2024, 2, 3),
                Source = "a.txt", Outlet = "tests", Category = "culture", Url = "https://example.org/a",
            };
            using (var store = MarsadStores.Open(dir)) store.IngestArticle(article);
            using var again = MarsadStores.Open(dir);
            var stored = again.EnumerateDocuments().Single();
            var back = stored.ToArticle();
            Assert.Equal(title, back.Title);
            Assert.Equal(subtitle, back.Subtitle);
            Assert.Equal(body, back.Body);
            Assert.Equal(article.Published, back.Published);
            Assert.Equal(article.Outlet, back.Outlet);
            Assert.Equal(article.Url, back.Url);
            Assert.Equal(stored.Id, StoreKeys.Document(back));
            Assert.Equal(stored.Text, new AnalyzedDocument(back).Text);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
