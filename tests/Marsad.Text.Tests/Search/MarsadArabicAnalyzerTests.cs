using Lucene.Net.Analysis.Ar;
using Lucene.Net.Util;
using Marsad.Text.Search;
using static Marsad.Text.Tests.Search.AnalyzerTestHelper;

namespace Marsad.Text.Tests.Search;

public class MarsadArabicAnalyzerTests
{
    private static readonly MarsadArabicAnalyzer Marsad = new();
    private static readonly ArabicAnalyzer Lucene = new(LuceneVersion.LUCENE_48);

    public static TheoryData<string, string, string> Pairs => SpecFile.Triples("analyzer.tsv");

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Spellings_meet_or_stay_apart_as_the_spec_says(string a, string b, string relation)
    {
        var ta = Terms(Marsad, a);
        var tb = Terms(Marsad, b);
        Assert.NotEmpty(ta);
        if (relation == "same") Assert.Equal(ta, tb);
        else Assert.NotEqual(ta, tb);
    }

    [Theory]
    [InlineData("بفرنسا", "فرنسا")]
    [InlineData("سيقول", "يقول")]
    [InlineData("المسؤولين", "المسئولين")]
    public void Lucene_keeps_apart_what_Marsad_brings_together(string a, string b)
    {
        Assert.NotEqual(Terms(Lucene, a), Terms(Lucene, b));
        Assert.Equal(Terms(Marsad, a), Terms(Marsad, b));
    }

    [Fact]
    public void Analyzer_reuses_its_components_across_documents()
    {
        using var analyzer = new MarsadArabicAnalyzer();
        var first = Terms(analyzer, "والتحالف في بيروت");
        var second = Terms(analyzer, "والتحالف في بيروت");
        Assert.Equal(first, second);
        Assert.Equal(Terms(analyzer, "التحالف بيروت"), first);
    }

    [Theory]
    [InlineData("التحالف", "للتحالف")]
    [InlineData("التحالف", "بالتحالف")]
    [InlineData("التحالف", "والتحالف")]
    [InlineData("التحالف", "تحالف")]
    [InlineData("أفريقيا", "إفريقيا")]
    [InlineData("ٱلكتاب", "الكتاب")]
    [InlineData("مسؤول", "مسئول")]
    [InlineData("المسؤولين", "المسئولين")]
    public void Variants_index_as_one_term(string a, string b) =>
        Assert.Equal(Terms(Marsad, a), Terms(Marsad, b));

    [Theory]
    [InlineData("ٱلكتاب", "الكتاب")]
    [InlineData("مسؤول", "مسئول")]
    public void Lucene_misses_what_Marsad_folds(string a, string b) =>
        Assert.NotEqual(Terms(Lucene, a), Terms(Lucene, b));

    [Fact]
    public void Offsets_point_into_the_original_text()
    {
        const string text = "وصلَ الوفدُ إلى بيروت، للتحالفِ.";
        foreach (var (term, start, end) in Tokens(Marsad, text))
        {
            Assert.InRange(start, 0, text.Length);
            Assert.InRange(end, start + 1, text.Length);
            Assert.False(string.IsNullOrEmpty(term));
        }
        var last = Tokens(Marsad, text)[^1];
        Assert.Equal("للتحالفِ", text[last.Start..last.End]);
    }

    [Fact]
    public void Stop_words_are_dropped_and_latin_lower_cased()
    {
        Assert.Equal(["nato"], Terms(Marsad, "في NATO"));
    }

    [Fact]
    public void Numbers_urls_and_hashtags()
    {
        Assert.Equal(["3.5"], Terms(Marsad, "٣٫٥"));
        Assert.Equal(["https://example.org/a"], Terms(Marsad, "https://example.org/a"));
        var tag = Terms(Marsad, "#عاصي_الحلاني");
        Assert.Equal(2, tag.Count);
        Assert.Equal(Terms(Marsad, "الحلاني"), [tag[1]]);
    }
}
