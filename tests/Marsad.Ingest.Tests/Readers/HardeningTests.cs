using System.Diagnostics;
using System.Net;
using System.Text;
using Marsad.Ingest;

namespace Marsad.Ingest.Tests;

/// <summary>Issue 14: bad records (item 3), folders (item 4), HTML cost (item 5), encodings and feeds (item 9).</summary>
public sealed class HardeningTests : TempDir
{
    private const string Article = "ارتفاع أسعار القمح\n\nارتفعت أسعار القمح في الأسواق بعد موسم جاف في عدة بلدان منتجة.\n\nبتاريخ : 03/04/2023\n";

    private static List<IngestItem> ReadWithin(TimeSpan limit, Func<List<IngestItem>> read)
    {
        var task = Task.Run(read);
        Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(limit), $"reading did not finish within {limit.TotalSeconds} s");
        return task.GetAwaiter().GetResult();
    }

    [Fact]
    public void A_lone_surrogate_in_a_json_string_is_repaired_and_the_next_lines_are_read()
    {
        var file = WriteText("s.jsonl", "{\"title\": \"عنوان \\ud800 مكسور \\ud83d\\ude00\", \"text\": \"نص فيه نصف حرف \\udc00 هنا.\"}\n{\"title\": \"سطر ثان\", \"text\": \"نص السطر الثاني عن الزراعة.\"}\n");
        var items = ArticleSources.Read([file]).ToList();
        Assert.Equal(2, items.Count);
        // The lone one becomes U+FFFD, a valid pair stays one character.
        Assert.Equal("عنوان \uFFFD مكسور \U0001F600", items[0].Article!.Title);
        Assert.Contains("\uFFFD", items[0].Article!.Body);
        Assert.Equal("سطر ثان", items[1].Article!.Title);
    }

    [Fact]
    public void Links_in_a_folder_are_walked_once_and_never_out_of_it()
    {
        WriteText("sub/a.txt", Article);
        File.CreateSymbolicLink(Path.Combine(Dir, "sub", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(Dir, "sub", "up2"), "../..");
        File.CreateSymbolicLink(Path.Combine(Dir, "again"), "sub");
        var outside = Path.Combine(Path.GetTempPath(), "marsad-outside-" + Guid.NewGuid().ToString("N")[..8] + ".txt");
        File.WriteAllText(outside, Article.Replace("القمح", "الشعير"));
        try
        {
            File.CreateSymbolicLink(Path.Combine(Dir, "secret.txt"), outside);
            var items = ReadWithin(TimeSpan.FromSeconds(30), () => ArticleSources.Read([Dir]).ToList());
            Assert.Single(items, i => i.Article is not null);
            Assert.Contains(items, i => i.Error?.Problem.Contains("--follow-links", StringComparison.Ordinal) == true && i.Error.Source_.EndsWith("secret.txt", StringComparison.Ordinal));
            var followed = ArticleSources.Read([Dir], new ReaderOptions { FollowLinks = true }).Where(i => i.Article is not null).ToList();
            Assert.Contains(followed, i => i.Article!.Title == "ارتفاع أسعار الشعير");
        }
        finally { File.Delete(outside); }
    }

    [Fact]
    public void A_fifo_in_a_folder_is_never_opened()
    {
        WriteText("a.txt", Article);
        using (var mk = Process.Start("mkfifo", Path.Combine(Dir, "pipe.txt"))) mk.WaitForExit();
        Assert.True(File.Exists(Path.Combine(Dir, "pipe.txt")));
        var items = ReadWithin(TimeSpan.FromSeconds(20), () => ArticleSources.Read([Dir]).ToList());
        Assert.Single(items, i => i.Article is not null);
        Assert.Contains(items, i => i.Error?.Source_.EndsWith("pipe.txt", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Deeply_nested_html_is_refused_quickly_and_ordinary_nesting_read()
    {
        string deep = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "نص" + "</body></html>";
        var e = Assert.Throws<InputException>(() => HtmlArticleReader.Parse(deep, "deep.html"));
        Assert.Contains("nested too deep", e.Problem);
        // Unclosed paragraphs and list items are flat, scripts are not markup.
        string flat = "<html><head><title>خبر عن المطر</title><script>for (i=0;i<n;i++) if (a<b) x();</script></head><body>"
            + string.Concat(Enumerable.Repeat("<p>هطلت أمطار غزيرة على المدينة طوال الليل وأغلقت عدة طرق.", 600)) + "</body></html>";
        Assert.True(HtmlArticleReader.NestingDepth(flat) < 10);
        Assert.Contains("أمطار", HtmlArticleReader.Parse(flat, "flat.html").Body);
    }

    [Fact]
    public void A_page_over_its_parse_budget_is_a_clear_error_and_a_cancelled_one_stops()
    {
        // Shallow for the depth check (unclosed paragraphs are flat) but long to build.
        string wide = "<html><body>" + string.Concat(Enumerable.Repeat("<p>هطلت أمطار غزيرة على المدينة.", 40_000)) + "</body></html>";
        Assert.True(HtmlArticleReader.NestingDepth(wide) <= HtmlArticleReader.MaxDepth);
        var e = Assert.Throws<InputException>(() => HtmlArticleReader.Parse(wide, "wide.html", null, TimeSpan.FromMilliseconds(1), CancellationToken.None));
        Assert.Equal("wide.html", e.Source_);
        Assert.Contains("longer than", e.Problem);
        // A client that went away: cancelled, not reported as bad input.
        using var gone = new CancellationTokenSource();
        gone.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => HtmlArticleReader.Parse(wide, "wide.html", null, TimeSpan.FromMinutes(1), gone.Token));
    }

    [Fact]
    public void A_feed_item_with_deeply_nested_markup_fails_alone()
    {
        string deep = string.Concat(Enumerable.Repeat("&lt;div&gt;", 5_000)) + "نص";
        var feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>صحيفة</title>"
            + "<item><title>خبر أول</title><description>" + deep + "</description></item>"
            + "<item><title>خبر ثان</title><description>هطلت أمطار غزيرة على المدينة.</description></item></channel></rss>";
        var items = ReadWithin(TimeSpan.FromSeconds(30), () => FeedReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(feed)), "f.xml").ToList());
        Assert.Equal(2, items.Count);
        Assert.Contains("nested too deep", items[0].Error!.Problem);
        Assert.Equal("f.xml#1", items[0].Error!.Source_);
        Assert.Equal("خبر ثان", items[1].Article!.Title);
    }

    [Fact]
    public void One_invalid_byte_does_not_make_a_utf8_file_windows_1256()
    {
        var bytes = Encoding.UTF8.GetBytes(Article).Concat(new byte[] { 0xD8 }).ToArray(); // a cut last letter
        var text = TextDecoder.Decode(bytes, "cut.txt", out var encoding);
        Assert.Equal("utf-8", encoding);
        Assert.StartsWith("ارتفاع أسعار القمح", text);
        // Real Windows-1256 is still recognised.
        var legacy = TextDecoder.Windows1256.GetBytes(Article);
        Assert.Equal(Article, TextDecoder.Decode(legacy, "old.txt", out var e2));
        Assert.Equal("windows-1256", e2);
    }

    [Fact]
    public void A_broken_feed_keeps_the_items_before_the_error_and_a_bom_with_space_is_accepted()
    {
        string items = string.Concat(Enumerable.Range(1, 3).Select(i => $"<item><title>خبر {i}</title><description>نص الخبر رقم {i} عن الطقس.</description></item>"));
        var broken = WriteText("cut.rss", $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>وكالة</title>{items}<item><title>مقطوع");
        var read = FeedReader.ReadFile(broken).ToList();
        Assert.Equal(3, read.Count(i => i.Article is not null));
        Assert.Contains(read, i => i.Error is not null);
        var bom = WriteBytes("bom.rss", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes($"\n  <?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>وكالة</title>{items}</channel></rss>")]);
        Assert.Equal(3, FeedReader.ReadFile(bom).Count(i => i.Article is not null));
    }

    [Fact]
    public async Task A_redirect_to_a_file_url_is_refused_naming_it()
    {
        using var listener = new HttpListener();
        int port = 20000 + Random.Shared.Next(20000);
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var ctx = await listener.GetContextAsync();
            ctx.Response.StatusCode = 302;
            ctx.Response.RedirectLocation = "file:///etc/passwd";
            ctx.Response.Close();
        });
        var items = ArticleSources.Read([$"http://127.0.0.1:{port}/feed"]).ToList();
        var error = Assert.Single(items).Error;
        Assert.NotNull(error);
        Assert.Contains("file:///etc/passwd", error!.Problem);
        await serve.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
