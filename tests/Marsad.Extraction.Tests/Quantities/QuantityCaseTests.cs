using Marsad.Extraction;
using System.Globalization;
using Marsad.Analysis;
using Marsad.Extraction.Quantities;

namespace Marsad.Extraction.Tests.Quantities;

/// <summary>One test per row of quantity-cases.tsv, plus the number-word parser the events stage reuses.</summary>
public class QuantityCaseTests
{
    private static readonly AnalysisPipeline Pipeline = new AnalysisPipelineBuilder().UseTimes().UseQuantities().Build();

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in SpecFile.Rows(Path.Combine("Quantities", "quantity-cases.tsv"), 3))
            data.Add(row[0], row[1], row[2]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Quantity_case(string id, string text, string expected)
    {
        var doc = Pipeline.Analyze(new ArticleInput { Title = "", Body = SpecFile.Text(text), Published = new DateOnly(2023, 6, 10) });
        var want = SpecFile.Items(expected);
        var got = doc.Quantities.Select(q => $"{q.Text} => {q.Value.ToString(CultureInfo.InvariantCulture)} | {q.Unit ?? "-"} | {q.Kind}").ToList();
        // units are compared at Matching level (أعضاء/اعضاء)
        static string N(string s) => Marsad.Text.ArabicNormalizer.Normalize(s, Marsad.Text.NormalizationLevel.Matching);
        var wantNorm = want.Select(w => w.Split(" | ") is var p && p.Length == 3 ? $"{N(p[0])} | {(p[1] == "-" ? "-" : p[1].All(char.IsAscii) ? p[1] : N(p[1]))} | {p[2]}" : w).ToList();
        var gotNorm = doc.Quantities.Select(q =>
            $"{N(q.Text)} => {q.Value.ToString(CultureInfo.InvariantCulture)} | {(q.Unit is null ? "-" : q.Unit.All(char.IsAscii) ? q.Unit : N(q.Unit))} | {q.Kind}").ToList();
        Assert.True(wantNorm.SequenceEqual(gotNorm), $"{id}: expected [{string.Join(" ; ", want)}] but found [{string.Join(" ; ", got)}]");
        foreach (var q in doc.Quantities) Assert.Equal(q.Text, doc.Text[q.Start..q.End]);
    }

    [Fact]
    public void Spec_file_has_at_least_30_cases() => Assert.True(Cases().Count >= 30);

    [Theory]
    [InlineData("ستة وثمانون", 86)]
    [InlineData("ثلاثة", 3)]
    [InlineData("ثلاثة آلاف", 3000)]
    [InlineData("أحد عشر", 11)]
    [InlineData("اثنا عشر", 12)]
    [InlineData("تسعة عشر", 19)]
    [InlineData("عشرون", 20)]
    [InlineData("مئة", 100)]
    [InlineData("مائتان", 200)]
    [InlineData("ثلاثمائة", 300)]
    [InlineData("ثلاث مئة", 300)]
    [InlineData("ألف", 1000)]
    [InlineData("ألفين", 2000)]
    [InlineData("مليون", 1000000)]
    [InlineData("مليار", 1000000000)]
    [InlineData("ثلاثة آلاف وخمسمائة وستة وعشرون", 3526)]
    [InlineData("مليون وخمسمائة ألف", 1500000)]
    [InlineData("٨٦", 86)]
    [InlineData("1,234.5", 1234.5)]
    public void Number_words_parse(string text, double value)
    {
        Assert.True(NumberWords.TryParse(text, out double v), text);
        Assert.Equal(value, v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("واحد")]
    [InlineData("دولة")]
    [InlineData("ثلاثة وخمسة")]
    [InlineData("ستة ثمانون")]
    public void Not_numbers(string text) => Assert.False(NumberWords.TryParse(text, out _), text);

    [Theory]
    [InlineData("العاشر", 10)]
    [InlineData("التاسع", 9)]
    [InlineData("الأول", 1)]
    [InlineData("الأولى", 1)]
    [InlineData("التاسعة", 9)]
    [InlineData("الحادي عشر", 11)]
    [InlineData("الثاني عشر", 12)]
    [InlineData("الخامس والعشرون", 25)]
    [InlineData("العشرين", 20)]
    [InlineData("ثالث", 3)]
    public void Ordinals_parse(string text, int value)
    {
        Assert.True(NumberWords.TryParseOrdinal(text, out int v), text);
        Assert.Equal(value, v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("الاجتماع")]
    [InlineData("ثلاثة")]
    public void Not_ordinals(string text) => Assert.False(NumberWords.TryParseOrdinal(text, out _), text);

    [Fact]
    public void Approximate_words_are_flagged_with_a_lower_bound()
    {
        var tokens = NumberWords.Tokens("عشرات الآلاف");
        Assert.True(NumberWords.TryParse(tokens, 0, out var m));
        Assert.True(m.Approximate);
        Assert.Equal(30000, m.Value);
        Assert.Equal(2, m.TokenCount);
    }
}
