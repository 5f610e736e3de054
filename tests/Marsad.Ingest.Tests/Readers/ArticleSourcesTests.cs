using Marsad.Ingest;

namespace Marsad.Ingest.Tests;

public sealed class ArticleSourcesTests : TempDir
{
    private const string Article = "ارتفاع أسعار النفط\n\nارتفعت أسعار النفط في الأسواق العالمية بعد قرار خفض الإنتاج.\n\nبتاريخ : 03/04/2023\n";

    [Fact]
    public void Folder_is_read_recursively_with_a_reader_per_kind()
    {
        WriteText("a.txt", Article);
        WriteText("sub/deeper/b.txt", Article.Replace("النفط", "الذهب"));
        WriteText("sub/page.html", "<html><head><title>خبر</title></head><body><p>نص صفحة الخبر الذي يكفي طوله ليكون فقرة كاملة من المقال.</p></body></html>");
        WriteText("sub/feed.xml", """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>بند</title><description>نص البند</description></item></channel></rss>""");
        WriteText("sub/lines.jsonl", """{"title": "سطر", "text": "نص السطر"}""" + "\n");
        var items = ArticleSources.Read([Dir]).ToList();
        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.NotNull(i.Article));
        Assert.Contains(items, i => i.Article!.Title == "ارتفاع أسعار الذهب" && i.Article.Published == new DateOnly(2023, 4, 3));
    }

    [Fact]
    public void Missing_path_empty_and_binary_files_are_errors_that_name_the_file()
    {
        var missing = Path.Combine(Dir, "nothing-here.txt");
        var empty = WriteText("empty.txt", "");
        var binary = WriteBytes("blob.bin", [0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 3, 0, 0]);
        var items = ArticleSources.Read([missing, empty, binary]).ToList();
        Assert.Equal(3, items.Count);
        Assert.Contains("no such file", items[0].Error!.Problem);
        Assert.Equal(missing, items[0].Error!.Source_);
        Assert.Equal("empty file", items[1].Error!.Problem);
        Assert.Contains("binary", items[2].Error!.Problem);
    }

    [Theory]
    [InlineData("huge.txt")]
    [InlineData("huge.html")]
    public void File_of_200_MB_is_refused_without_reading_it(string name)
    {
        string path = Path.Combine(Dir, name);
        using (var fs = new FileStream(path, FileMode.CreateNew))
        {
            // A sparse file: 200 MB long, almost nothing written to disk.
            fs.Write("خبر\n\n"u8);
            fs.SetLength(200L * 1024 * 1024);
        }
        long before = GC.GetTotalAllocatedBytes();
        var e = Assert.Single(ArticleSources.Read([path])).Error!;
        Assert.Contains("too large", e.Problem);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 20 * 1024 * 1024, "the file must not be loaded");
    }

    [Fact]
    public void Jsonl_of_200_MB_with_no_line_break_is_skipped_line_by_line_not_loaded()
    {
        string path = Path.Combine(Dir, "huge.jsonl");
        using (var fs = new FileStream(path, FileMode.CreateNew))
        {
            fs.Write("{\"title\": \""u8);
            fs.SetLength(200L * 1024 * 1024);
        }
        var items = ArticleSources.Read([path], new ReaderOptions { MaxLineBytes = 1024 * 1024 }).ToList();
        Assert.Contains(items, i => i.Error?.Problem.Contains("longer than") == true);
        Assert.DoesNotContain(items, i => i.Article is not null);
    }

    [Fact]
    public void Offline_url_gives_a_clear_error()
    {
        // Port 1 on the loopback refuses at once: no network needed to test the message.
        var item = Assert.Single(ArticleSources.Read(["http://127.0.0.1:1/feed.xml"], new ReaderOptions { HttpTimeout = TimeSpan.FromSeconds(5) }));
        Assert.Contains("cannot connect", item.Error!.Problem);
        Assert.Equal("http://127.0.0.1:1/feed.xml", item.Error.Source_);
    }

    [Theory]
    [InlineData("Sun, 18 Feb 2018 21:35:43 +0400", "2018-02-18")]
    [InlineData("Mon, 5 Jun 2023 23:10:00 GMT", "2023-06-05")]
    [InlineData("2018-02-18T23:59:00-05:00", "2018-02-18")]
    [InlineData("2024-01-02", "2024-01-02")]
    [InlineData("10/06/2023", "2023-06-10")]
    [InlineData("1686355200", "2023-06-10")]
    public void Publication_dates_in_common_formats(string text, string iso)
    {
        Assert.True(PublishedDate.TryParse(text, out var d));
        Assert.Equal(iso, Dateline.Iso(d));
    }

    [Theory]
    [InlineData("")]
    [InlineData("غداً")]
    [InlineData("32/13/2023")]
    public void Non_dates_are_not_parsed(string text) => Assert.False(PublishedDate.TryParse(text, out _));
}
