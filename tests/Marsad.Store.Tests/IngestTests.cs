using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Marsad.Ingest;
using Marsad.Store;

namespace Marsad.Store.Tests;

public sealed class IngestTests : TempArchive
{
    private readonly string _inputs = Directory.CreateTempSubdirectory("marsad-inputs-").FullName;

    public override void Dispose()
    {
        Directory.Delete(_inputs, true);
        base.Dispose();
    }

    internal static string JsonLine(int n) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["docno"] = $"T-{n}",
        ["src"] = n % 2 == 0 ? "alpha" : "beta",
        ["cat"] = "news",
        ["title"] = $"{Corpus.Title(n)}",
        ["time"] = $"Sun, {1 + n % 28:00} Feb 2018 21:35:43 +0400",
        ["text"] = Corpus.Body(n),
    });

    private string Write(string name, string text)
    {
        var p = Path.Combine(_inputs, name);
        File.WriteAllText(p, text);
        return p;
    }

    [Fact]
    public void Bad_inputs_are_reported_and_nothing_stored_is_lost()
    {
        using var archive = MarsadArchive.Open(DataDir);
        var good = Write("good.jsonl", string.Join("\n", Enumerable.Range(1, 5).Select(JsonLine)) + "\n");
        Assert.Equal(5, archive.Ingest(ArticleSources.Read([good]), Small).Stored);

        var badLines = Write("bad.jsonl", JsonLine(6) + "\n{\"title\": \"بلا نهاية\n" + JsonLine(7) + "\n");
        var empty = Write("empty.txt", "");
        var binary = Path.Combine(_inputs, "image.png");
        File.WriteAllBytes(binary, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]);
        var notXml = Write("feed.rss", "{ هذا ليس XML }");
        var html = Write("page.html", "<html><head><script>steal()</script><style>p{}</style></head><body><p>افتتحت البلدية حديقة عمومية جديدة في وسط المدينة بحضور السكان.</p><script>more()</script></body></html>");
        var missing = Path.Combine(_inputs, "missing.jsonl");
        var gz = Path.Combine(_inputs, "cut.jsonl.gz");
        using (var ms = new MemoryStream())
        {
            using (var z = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
                z.Write(Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(100, 200).Select(JsonLine)) + "\n"));
            File.WriteAllBytes(gz, ms.ToArray()[..(int)(ms.Length / 2)]);
        }

        var s = archive.Ingest(ArticleSources.Read([badLines, empty, binary, notXml, html, missing, gz]), Small);
        var reasons = s.Rejected.Select(r => $"{Path.GetFileName(r.Origin)}: {r.Reason}").ToList();
        Assert.Contains(reasons, r => r.StartsWith("bad.jsonl:2: invalid JSON"));
        Assert.Contains("empty.txt: empty file", reasons);
        Assert.Contains(reasons, r => r.StartsWith("image.png: binary"));
        Assert.Contains(reasons, r => r.StartsWith("feed.rss:1: not a valid XML feed"));
        Assert.Contains(reasons, r => r.StartsWith("missing.jsonl: no such file"));
        Assert.Contains(reasons, r => r.StartsWith("cut.jsonl.gz: truncated or corrupt gzip"));
        // Lines 6 and 7 around the broken one, the page, and what the cut gzip held are stored.
        Assert.True(s.Stored > 3 + 20, $"stored {s.Stored}");
        Assert.Equal(5 + s.Stored, archive.Count);
        var page = archive.Search(new SearchRequest { Query = "حديقة" }).Hits.Single();
        Assert.DoesNotContain("steal", archive.GetDocument(page.Id)!.Text);
        // Everything from the first run is still there.
        foreach (int n in Enumerable.Range(1, 5))
            Assert.NotNull(archive.GetDocument(Analysis.AnalyzedDocument.ComputeId(Corpus.Body(n))));
    }

    [Fact]
    public void Second_ingest_of_the_same_input_adds_nothing()
    {
        var file = Write("c.jsonl", string.Join("\n", Enumerable.Range(1, 40).Select(JsonLine)) + "\n");
        using var archive = MarsadArchive.Open(DataDir);
        var first = archive.Ingest(ArticleSources.Read([file]), Small);
        Assert.Equal(40, first.Stored);
        var second = archive.Ingest(ArticleSources.Read([file]), Small);
        Assert.Equal(0, second.Stored);
        Assert.Equal(40, second.Duplicates);
        Assert.Equal(40, archive.Count);
        Assert.Equal(40, archive.Search(new SearchRequest { Limit = 0 }).Total);
    }

    [Fact]
    public void Index_rebuilt_from_sqlite_when_it_is_lost()
    {
        var file = Write("c.jsonl", string.Join("\n", Enumerable.Range(1, 12).Select(JsonLine)) + "\n");
        using (var archive = MarsadArchive.Open(DataDir))
            archive.Ingest(ArticleSources.Read([file]), Small);
        Directory.Delete(Path.Combine(DataDir, "index"), recursive: true);
        using var reopened = MarsadArchive.Open(DataDir);
        Assert.Equal((12, 0), reopened.LastReconcile);
        Assert.Equal(12, reopened.Search(new SearchRequest { Limit = 0 }).Total);
        Assert.Equal(12, reopened.Search(new SearchRequest { Query = "المتحدث" }).Total);
    }
}

/// <summary>Generated Arabic articles: varied enough that no two are near-duplicates.</summary>
internal static class Corpus
{
    private static readonly string[] Subjects = ["الحكومة", "البرلمان", "الوزارة", "النقابة", "الشركة", "البلدية", "الجامعة", "المحكمة", "الوكالة", "الجمعية", "اللجنة", "الهيئة"];
    private static readonly string[] Verbs = ["أعلنت", "ناقشت", "رفضت", "درست", "أقرت", "انتقدت", "اقترحت", "أجلت", "دعمت", "راجعت"];
    private static readonly string[] Objects = ["خطة التنمية", "مشروع القانون", "ميزانية السنة", "برنامج الإصلاح", "اتفاقية التعاون", "نظام الضرائب", "مخطط النقل", "سياسة الطاقة", "قانون الصحافة", "برنامج السكن", "إصلاح التعليم", "دعم الفلاحين", "مشروع الميناء"];
    private static readonly string[] Places = ["الرباط", "القاهرة", "تونس", "عمان", "بيروت", "الدوحة", "الجزائر", "بغداد", "الخرطوم", "نواكشوط", "مسقط"];
    private static readonly string[] Tails = ["بعد نقاش طويل", "وسط انتقادات المعارضة", "في جلسة علنية", "بحضور الخبراء", "قبل نهاية الشهر", "في إطار الحوار الوطني", "رغم الصعوبات المالية", "بمشاركة ممثلي القطاع"];

    public static string Word(int i) => Subjects[i % Subjects.Length];

    public static string Title(int n) => $"{Subjects[n % Subjects.Length]} {Verbs[n % Verbs.Length]} {Objects[n % Objects.Length]} في {Places[n % Places.Length]}";

    public static string Body(int n)
    {
        var sb = new StringBuilder();
        var rnd = new Random(n);
        for (int s = 0; s < 6; s++)
        {
            sb.Append($"{Verbs[rnd.Next(Verbs.Length)]} {Subjects[rnd.Next(Subjects.Length)]} في {Places[rnd.Next(Places.Length)]} {Objects[rnd.Next(Objects.Length)]} {Tails[rnd.Next(Tails.Length)]} ");
            sb.Append($"وقال المتحدث إن عدد المشاركين بلغ {rnd.Next(10, 5000)} شخصا. ");
        }
        sb.Append($"رقم الخبر {n}.");
        return sb.ToString();
    }
}
