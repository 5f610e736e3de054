using Lucene.Net.Analysis.Ar;
using Lucene.Net.Util;
using Marsad.Text.Search;
using static Marsad.Text.Tests.Search.AnalyzerTestHelper;

namespace Marsad.Text.Tests.Search;

public class MarsadArabicAnalyzerTests
{
    private static readonly MarsadArabicAnalyzer Marsad = new();
    private static readonly ArabicAnalyzer Lucene = new(LuceneVersion.LUCENE_48);

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
