using Marsad.Ingest;

namespace Marsad.Ingest.Tests;

public sealed class JsonLinesReaderTests : TempDir
{
    // Shaped like the ANT corpus lines (fields docno, url, src, cat, title, time, author, abstract, text).
    private static string Line(int n, string title, string text, string time = "Sun, 18 Feb 2018 21:35:43 +0400", string? abs = null) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["docno"] = $"AL-test-{n}", ["url"] = $"http://example.org/ar/{n}.html", ["src"] = "alarabia", ["cat"] = "politics",
            ["title"] = title, ["time"] = time, ["author"] = "الرباط - مراسلنا", ["abstract"] = abs ?? text[..Math.Min(40, text.Length)], ["text"] = text,
        });

    private const string Body1 = "أعلن التحالف الدولي اليوم عن خطة جديدة لدعم الاستقرار في المنطقة.\nوقال المتحدث إن الخطة تبدأ الشهر المقبل.";
    private const string Body2 = "وقعت الحكومة اتفاقاً مع النقابات لرفع الأجور في القطاع العام ابتداء من السنة المقبلة.";

    [Fact]
    public void Reads_the_ANT_fields_by_default()
    {
        var path = WriteText("a.jsonl", Line(1, "التحالف يعلن خطة", Body1) + "\n");
        var a = Assert.Single(JsonLinesReader.ReadFile(path)).Article!;
        Assert.Equal("التحالف يعلن خطة", a.Title);
        Assert.Equal(Body1, a.Body);
        Assert.Null(a.Subtitle); // the abstract is the start of the body
        Assert.Equal(new DateOnly(2018, 2, 18), a.Published);
        Assert.Equal("alarabia", a.Outlet);
        Assert.Equal("politics", a.Category);
        Assert.Equal("AL-test-1", a.ExternalId);
        Assert.Equal("http://example.org/ar/1.html", a.Url);
        Assert.Equal("الرباط - مراسلنا", a.Author);
    }

    [Fact]
    public void Abstract_that_is_not_the_start_of_the_body_becomes_the_subtitle()
    {
        var path = WriteText("a.jsonl", Line(1, "عنوان", Body2, abs: "ملخص مختلف عن النص") + "\n");
        Assert.Equal("ملخص مختلف عن النص", Assert.Single(JsonLinesReader.ReadFile(path)).Article!.Subtitle);
    }

    [Fact]
    public void Abstract_with_lost_line_breaks_is_still_recognised_as_the_start()
    {
        var path = WriteText("a.jsonl", Line(1, "عنوان", Body1, abs: "أعلن التحالف الدولي اليوم عن خطة جديدة لدعم الاستقرار في المنطقة.وقال المتحدث") + "\n");
        Assert.Null(Assert.Single(JsonLinesReader.ReadFile(path)).Article!.Subtitle);
    }

    [Fact]
    public void Reads_gzip_directly()
    {
        var path = WriteBytes("a.jsonl.gz", Gzip(Line(1, "أ", Body1) + "\n" + Line(2, "ب", Body2) + "\n"));
        var items = JsonLinesReader.ReadFile(path).ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.NotNull(i.Article));
    }

    [Fact]
    public void Invalid_json_line_gives_an_error_with_its_line_number_and_the_rest_is_read()
    {
        var text = Line(1, "أ", Body1) + "\n{\"title\": \"مكسور\", \"text\": \n" + Line(3, "ج", Body2) + "\n\n" + "[1,2]\n";
        var items = JsonLinesReader.ReadFile(WriteText("bad.jsonl", text)).ToList();
        Assert.Equal(4, items.Count);
        Assert.NotNull(items[0].Article);
        Assert.Equal(2, items[1].Error!.Line);
        Assert.Contains("invalid JSON", items[1].Error!.Problem);
        Assert.EndsWith("bad.jsonl:2", items[1].Origin);
        Assert.Equal("ج", items[2].Article!.Title);
        Assert.Equal(5, items[3].Error!.Line);
        Assert.Contains("not a JSON object", items[3].Error!.Problem);
    }

    [Fact]
    public void Truncated_gzip_reports_the_cut_and_keeps_what_was_read()
    {
        var lines = string.Concat(Enumerable.Range(1, 400).Select(i => Line(i, $"خبر رقم {i}", Body1 + " " + i) + "\n"));
        var full = Gzip(lines);
        var path = WriteBytes("cut.jsonl.gz", full[..(full.Length * 2 / 3)]);
        var items = JsonLinesReader.ReadFile(path).ToList();
        Assert.True(items.Count(i => i.Article is not null) > 50);
        var last = items[^1].Error;
        Assert.NotNull(last);
        Assert.Contains("truncated", last!.Problem);
    }

    [Fact]
    public void Whole_gzip_passes_the_trailer_check()
    {
        var path = WriteBytes("ok.jsonl.gz", Gzip(Line(1, "أ", Body1) + "\n"));
        Assert.All(JsonLinesReader.ReadFile(path), i => Assert.Null(i.Error));
    }

    [Fact]
    public void Gzip_of_several_members_is_read_whole_and_passes_the_trailer_check()
    {
        // cat a.jsonl.gz b.jsonl.gz > both.jsonl.gz: valid gzip, the trailer covers only the last member
        var lines = string.Concat(Enumerable.Range(1, 300).Select(i => Line(i, $"خبر رقم {i}", Body1 + " " + i) + "\n"));
        var path = WriteBytes("both.jsonl.gz", [.. Gzip(lines), .. Gzip(Line(301, "ب", Body2) + "\n"), .. Gzip(Line(302, "ج", Body2) + "\n")]);
        var items = JsonLinesReader.ReadFile(path).ToList();
        Assert.All(items, i => Assert.Null(i.Error));
        Assert.Equal(302, items.Count);
        Assert.Equal("ج", items[^1].Article!.Title);
    }

    [Fact]
    public void Gzip_of_several_members_with_the_last_one_cut_is_reported()
    {
        var second = Gzip(string.Concat(Enumerable.Range(2, 200).Select(i => Line(i, $"خبر رقم {i}", Body2 + " " + i) + "\n")));
        var path = WriteBytes("cut2.jsonl.gz", [.. Gzip(Line(1, "أ", Body1) + "\n"), .. second[..(second.Length / 2)]]);
        var items = JsonLinesReader.ReadFile(path).ToList();
        Assert.Equal("أ", items[0].Article!.Title);
        Assert.Contains("truncated", items[^1].Error!.Problem);
    }

    [Fact]
    public void Field_names_are_configurable()
    {
        var path = WriteText("c.jsonl", """{"headline": "عنوان الخبر", "content": "نص الخبر الكامل هنا.", "date": "2023-06-10T08:00:00+01:00", "site": "hespress"}""" + "\n");
        var fields = JsonLinesFields.Default.With(["title=headline", "body=content", "published=date", "outlet=site"]);
        var a = Assert.Single(JsonLinesReader.ReadFile(path, new ReaderOptions { Fields = fields })).Article!;
        Assert.Equal("عنوان الخبر", a.Title);
        Assert.Equal("نص الخبر الكامل هنا.", a.Body);
        Assert.Equal(new DateOnly(2023, 6, 10), a.Published);
        Assert.Equal("hespress", a.Outlet);
        Assert.Throws<ArgumentException>(() => JsonLinesFields.Default.With(["colour=red"]));
    }

    [Fact]
    public void Line_without_text_is_refused()
    {
        var items = JsonLinesReader.ReadFile(WriteText("e.jsonl", """{"docno": "x", "title": "", "text": "  "}""" + "\n")).ToList();
        Assert.Contains("no text", Assert.Single(items).Error!.Problem);
    }

    [Fact]
    public void Over_long_line_is_skipped_with_an_error_and_reading_goes_on()
    {
        var longLine = "{\"title\": \"" + new string('ب', 5000) + "\", \"text\": \"نص\"}";
        var path = WriteText("long.jsonl", longLine + "\n" + Line(2, "قصير", Body2) + "\n");
        var items = JsonLinesReader.ReadFile(path, new ReaderOptions { MaxLineBytes = 1000 }).ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(1, items[0].Error!.Line);
        Assert.Contains("longer than", items[0].Error!.Problem);
        Assert.Equal("قصير", items[1].Article!.Title);
    }

    [Fact]
    public void Empty_file_is_one_clear_error()
    {
        var items = JsonLinesReader.ReadFile(WriteText("empty.jsonl", "")).ToList();
        Assert.Equal("empty file", Assert.Single(items).Error!.Problem);
    }

    [Fact]
    public void Last_line_without_newline_is_read()
    {
        var path = WriteText("n.jsonl", Line(1, "أ", Body1) + "\n" + Line(2, "ب", Body2));
        Assert.Equal(2, JsonLinesReader.ReadFile(path).Count(i => i.Article is not null));
    }
}
