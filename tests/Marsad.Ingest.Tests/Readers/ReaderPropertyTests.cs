using System.Diagnostics;
using System.Text;
using CsCheck;
using Marsad.Analysis;
using Marsad.Ingest;
using Xunit.Abstractions;

namespace Marsad.Ingest.Tests;

/// <summary>
/// Issue 14, must show: every reader fed random input built from the pieces that break parsers
/// (markup, JSON syntax, lone surrogate escapes, entities, DTDs, BOMs, stray bytes). Nothing but an
/// <see cref="InputException"/> leaves a reader, and every result is within its limits. Each test
/// prints how many inputs it ran and how long it took.
/// </summary>
public sealed class ReaderPropertyTests(ITestOutputHelper output)
{
    private const int Inputs = 2000;

    private static readonly Gen<string> Piece = Gen.OneOfConst(
        "<div>", "</div>", "<p>", "</p>", "<html>", "<body>", "<title>", "</title>", "<script>", "</script>", "<br/>", "<a href=\"javascript:x\">",
        "<?xml version=\"1.0\"?>", "<rss version=\"2.0\">", "<channel>", "<item>", "</item>", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "<entry>",
        "<description>", "</description>", "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "&amp;", "&#x0;", "&a;", "<!--", "-->",
        "{", "}", "[", "]", "\"", ":", ",", "\"title\"", "\"text\"", "\"body\"", "\\ud800", "\\udc00", "\\u0000", "\\\"", "null", "1e999",
        "\n", "\r\n", "\t", " ", "بتاريخ : 10/06/2023", "مرحبا بالعالم", "الرباط", "٢٠٢٣", "\uFEFF", "\u200F", "\uFFFD", "\u0000", "x", "1");

    private static readonly Gen<string> Markup = Gen.Frequency(
        (4, Piece),
        (1, Gen.Char.Array[1, 8].Select(c => new string(c))))
        .Array[0, 120].Select(p => string.Concat(p));

    // Text as bytes, sometimes with bytes flipped or cut (a broken UTF-8 sequence, a stray 0xFF).
    private static readonly Gen<byte[]> Bytes = Gen.Select(Markup, Gen.Byte.Array[0, 4], Gen.Int[0, 1000], (s, noise, at) =>
    {
        var b = Encoding.UTF8.GetBytes(s).ToList();
        foreach (var x in noise) b.Insert(b.Count == 0 ? 0 : at % b.Count, x);
        return b.ToArray();
    });

    private void Run<T>(string reader, Gen<T> gen, Action<T> check, int inputs = Inputs)
    {
        var sw = Stopwatch.StartNew();
        int n = 0;
        gen.Sample(x => { Interlocked.Increment(ref n); check(x); }, iter: inputs);
        output.WriteLine($"{reader}: {n} inputs in {sw.Elapsed.TotalSeconds:0.00} s, nothing thrown but InputException");
    }

    private static void Within(ArticleInput a, int inputChars)
    {
        Assert.NotNull(a.Title);
        Assert.NotNull(a.Body);
        // A reader only removes (markup, entities, space): neither part is longer than what it was given
        // (a page may use the same text as its title and its first line).
        Assert.True(a.Title.Length <= inputChars + 4 && a.Body.Length <= inputChars + 4, $"{a.Title.Length}, {a.Body.Length} chars from {inputChars}");
    }

    [Fact]
    public void Text_decoder_and_text_reader() => Run("text", Bytes, bytes =>
    {
        string text;
        try { text = TextDecoder.Decode(bytes, "fuzz.txt", out _); }
        catch (InputException) { return; }
        try { Within(TextArticleReader.Parse(text, "fuzz.txt"), text.Length); }
        catch (InputException) { }
    });

    [Fact]
    public void Json_lines_reader() => Run("jsonl", Bytes, bytes =>
    {
        int lines = bytes.Count(b => b == (byte)'\n') + 1;
        var items = JsonLinesReader.Read(new MemoryStream(bytes), "fuzz.jsonl").ToList();
        Assert.True(items.Count <= lines, $"{items.Count} items from {lines} lines");
        foreach (var i in items)
        {
            if (i.Article is { } a) Within(a, bytes.Length);
            else Assert.False(string.IsNullOrEmpty(i.Error!.Problem));
        }
    });

    [Fact]
    public void Html_reader() => Run("html", Markup, html =>
    {
        try { Within(HtmlArticleReader.Parse(html, "fuzz.html"), html.Length + 200); }
        catch (InputException e) { Assert.False(string.IsNullOrEmpty(e.Problem)); }
    }, inputs: 1000); // a full parse each: the slowest reader

    [Fact]
    public void Feed_reader() => Run("feed", Bytes, bytes =>
    {
        var items = FeedReader.Read(new MemoryStream(bytes), "fuzz.rss").ToList();
        Assert.NotEmpty(items); // a feed gives its items or says why it gives none
        foreach (var i in items)
            if (i.Article is { } a) Within(a, bytes.Length);
    });

    // CSV's own breakers: quotes inside and around fields, separators of three kinds, ragged rows,
    // a header with and without the mapped columns, line ends of every kind.
    private static readonly Gen<string> CsvPiece = Gen.OneOfConst(
        "title,text\n", "title;text\n", "title\ttext\n", "id,url,title,text,publish_date\n", "a,b\n",
        ",", ";", "\t", "\"", "\"\"", "\"a,b\"", "\n", "\r\n", "\r", "عنوان الخبر", "نص الخبر عن المطر في الرباط.",
        "=HYPERLINK(\"x\")", "2023-06-10", "\uFEFF", "\u0000", "\uFFFD", "\\", "x", "1");

    private static readonly Gen<byte[]> CsvBytes = Gen.Select(
        Gen.Frequency((4, CsvPiece), (1, Piece)).Array[0, 120].Select(p => string.Concat(p)), Gen.Byte.Array[0, 3], Gen.Int[0, 1000], (s, noise, at) =>
        {
            var b = Encoding.UTF8.GetBytes(s).ToList();
            foreach (var x in noise) b.Insert(b.Count == 0 ? 0 : at % b.Count, x);
            return b.ToArray();
        });

    [Fact]
    public void Csv_reader() => Run("csv", CsvBytes, bytes =>
    {
        int lines = bytes.Count(b => b == (byte)'\n' || b == (byte)'\r') + 1;
        var items = CsvArticleReader.Read(new MemoryStream(bytes), "fuzz.csv").ToList();
        Assert.NotEmpty(items); // rows, or the reason there are none
        Assert.True(items.Count <= lines, $"{items.Count} items from {lines} lines");
        foreach (var i in items)
        {
            if (i.Article is { } a) Within(a, bytes.Length);
            else Assert.False(string.IsNullOrEmpty(i.Error!.Problem));
        }
    });
}
