using System.Text;
using Marsad.Ingest;

namespace Marsad.Ingest.Tests;

public sealed class TextArticleReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("marsad-ingest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Article = """
        وزير الخارجية يستقبل نظيره الأردني في الرباط

        مباحثات حول التعاون الثنائي

        استقبل وزير الخارجية، يوم الثلاثاء في الرباط، نظيره الأردني.
        وتناولت المباحثات سبل تعزيز التعاون بين البلدين.


        بتاريخ : 14/03/2024
        """;

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Reads_title_subtitle_body_and_day_first_dateline()
    {
        var a = TextArticleReader.ReadFile(Write("a.txt", Encoding.UTF8.GetBytes(Article)));
        Assert.Equal("وزير الخارجية يستقبل نظيره الأردني في الرباط", a.Title);
        Assert.Equal("مباحثات حول التعاون الثنائي", a.Subtitle);
        Assert.StartsWith("استقبل وزير الخارجية", a.Body);
        Assert.EndsWith("بين البلدين.", a.Body);
        Assert.Equal(new DateOnly(2024, 3, 14), a.Published);
    }

    [Fact]
    public void Utf8_with_bom_reads_the_same()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Article)).ToArray();
        var a = TextArticleReader.ReadFile(Write("bom.txt", bytes));
        Assert.Equal("وزير الخارجية يستقبل نظيره الأردني في الرباط", a.Title);
    }

    [Fact]
    public void Windows_1256_is_detected_and_decoded()
    {
        var a = TextArticleReader.ReadFile(Write("legacy.txt", TextDecoder.Windows1256.GetBytes(Article)));
        Assert.Equal("وزير الخارجية يستقبل نظيره الأردني في الرباط", a.Title);
        Assert.Equal(new DateOnly(2024, 3, 14), a.Published);
    }

    [Fact]
    public void Empty_file_is_refused_with_its_name()
    {
        string path = Write("empty.txt", []);
        var e = Assert.Throws<InputException>(() => TextArticleReader.ReadFile(path));
        Assert.Contains("empty.txt", e.Message);
        Assert.Contains("empty", e.Problem);
    }

    [Fact]
    public void Binary_file_is_refused()
    {
        string path = Write("junk.bin", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00, 0xFF, 0xD8]);
        var e = Assert.Throws<InputException>(() => TextArticleReader.ReadFile(path));
        Assert.Contains("binary", e.Problem);
    }

    [Fact]
    public void Missing_file_is_refused()
    {
        var e = Assert.Throws<InputException>(() => TextArticleReader.ReadFile(Path.Combine(_dir, "nope.txt")));
        Assert.Contains("no such file", e.Problem);
    }

    [Fact]
    public void White_space_only_is_refused()
    {
        string path = Write("blank.txt", Encoding.UTF8.GetBytes("  \n\n \t\n"));
        Assert.Throws<InputException>(() => TextArticleReader.ReadFile(path));
    }

    [Fact]
    public void Huge_file_is_refused_before_reading()
    {
        string path = Path.Combine(_dir, "huge.txt");
        using (var fs = File.Create(path)) fs.SetLength(TextArticleReader.DefaultMaxBytes + 1);
        var e = Assert.Throws<InputException>(() => TextArticleReader.ReadFile(path));
        Assert.Contains("too large", e.Problem);
    }

    [Theory]
    [InlineData("بتاريخ : 10/06/2023", 2023, 6, 10)]
    [InlineData("بتاريخ: 1-2-2024", 2024, 2, 1)]
    [InlineData("تاريخ النشر: 2022-11-05", 2022, 11, 5)]
    [InlineData("بتاريخ : ١٠/٠٦/٢٠٢٣", 2023, 6, 10)]
    public void Datelines(string line, int y, int m, int d)
    {
        Assert.True(Dateline.TryParseLine(line, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("بتاريخ : 31/02/2023")]
    [InlineData("قال الوزير إن الاجتماع سيعقد في 10/06/2023 بالرباط")]
    public void Not_datelines(string line) => Assert.False(Dateline.TryParseLine(line, out _));
}
