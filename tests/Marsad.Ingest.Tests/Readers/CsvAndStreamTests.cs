using System.Text;
using Marsad.Ingest;

namespace Marsad.Ingest.Tests;

/// <summary>CSV article exports with the --field mapping, and inputs that can be read only once (standard input, pipes).</summary>
public sealed class CsvAndStreamTests : TempDir
{
    private const string Csv =
        "id,headline,content,publish_date,media_name,url\n"
        + "a1,\"هجوم في مقديشو\",\"قتل خمسة أشخاص في هجوم على سوق في مقديشو يوم السبت، وأصيب عشرة آخرون.\",2024-03-02,صحيفة الصباح,https://news.example/1\n"
        + "a2,\"مظاهرة في الرباط\",\"تظاهر المئات أمام البرلمان في الرباط، \"\"سلمياً\"\"، للمطالبة بخفض الأسعار.\",2024-03-03,صحيفة المساء,https://news.example/2\n"
        + "a3,\"\",\"\",2024-03-04,صحيفة المساء,https://news.example/3\n";

    private static readonly ReaderOptions Mapped = new()
    {
        Fields = JsonLinesFields.Default.With(["id=id", "title=headline", "body=content", "published=publish_date", "outlet=media_name", "url=url"]),
    };

    [Fact]
    public void A_csv_is_one_article_per_row_with_the_field_mapping()
    {
        var path = WriteText("export.csv", Csv);
        var items = ArticleSources.Read([path], Mapped).ToList();
        Assert.Equal(3, items.Count);
        var first = items[0].Article!;
        Assert.Equal("هجوم في مقديشو", first.Title);
        Assert.StartsWith("قتل خمسة أشخاص", first.Body, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 3, 2), first.Published);
        Assert.Equal("صحيفة الصباح", first.Outlet);
        Assert.Equal("a1", first.ExternalId);
        Assert.Contains("\"سلمياً\"", items[1].Article!.Body, StringComparison.Ordinal); // quoted quotes
        Assert.Null(items[2].Article);
        Assert.Contains("no text", items[2].Error!.Message, StringComparison.Ordinal);
        Assert.Contains("export.csv", items[2].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_without_the_text_columns_is_one_clear_error()
    {
        var path = WriteText("other.csv", "a,b\n1,2\n");
        var item = Assert.Single(ArticleSources.Read([path]));
        Assert.Contains("'title' or 'text' column", item.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("--field", item.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_with_a_header_and_no_rows_says_so()
    {
        var path = WriteText("header-only.csv", "title,text\n");
        var item = Assert.Single(ArticleSources.Read([path]));
        Assert.Null(item.Article);
        Assert.Contains("no rows after the CSV header", item.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("header-only.csv", item.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_csv_reads_a_file_of_any_name_as_csv()
    {
        var path = WriteText("export.txt", Csv);
        var items = ArticleSources.Read([path], Mapped with { Format = ArticleSources.ParseFormat("csv") }).ToList();
        Assert.Equal(2, items.Count(i => i.Article is not null));
        Assert.Single(ArticleSources.Read([path], Mapped)); // detected as one plain-text article otherwise
    }

    [Fact]
    public void A_stream_read_once_keeps_its_first_record()
    {
        string lines = "{\"title\":\"الأول\",\"text\":\"نص الخبر الأول عن اجتماع الحكومة.\"}\n{\"title\":\"الثاني\",\"text\":\"نص الخبر الثاني عن المظاهرات.\"}\n";
        // A stream that cannot seek, as standard input or a pipe.
        using var pipe = new OneWayStream(Encoding.UTF8.GetBytes(lines));
        var items = ArticleSources.ReadStream(pipe, "stdin", ReaderOptions.Default).ToList();
        Assert.Equal(["الأول", "الثاني"], items.Select(i => i.Article!.Title));

        using var text = new OneWayStream(Encoding.UTF8.GetBytes("عنوان الخبر\n\nبتاريخ : 10/06/2023\n\nنص الخبر عن زيارة الوزير إلى القاهرة.\n"));
        var article = Assert.Single(ArticleSources.ReadStream(text, "stdin", ReaderOptions.Default)).Article!;
        Assert.Equal("عنوان الخبر", article.Title);
        Assert.Equal(new DateOnly(2023, 6, 10), article.Published);

        using var csv = new OneWayStream(Encoding.UTF8.GetBytes(Csv));
        Assert.Equal(2, ArticleSources.ReadStream(csv, "stdin", Mapped with { Format = ArticleSources.Kind.Csv }).Count(i => i.Article is not null));
    }

    [Fact]
    public void Unknown_format_is_refused() => Assert.Throws<ArgumentException>(() => ArticleSources.ParseFormat("xlsx"));

    private sealed class OneWayStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
