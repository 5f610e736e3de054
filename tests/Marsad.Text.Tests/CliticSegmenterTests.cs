namespace Marsad.Text.Tests;

public class CliticSegmenterTests
{
    public static TheoryData<string, string> Cases => SpecFile.Pairs("clitics.tsv");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Segments_as_the_spec_says(string word, string expected) =>
        Assert.Equal(expected, Render(word, CliticSegmenter.Default.Segment(word)));

    internal static string Render(string word, CliticSplit split) =>
        $"{word[..split.StemStart]}|{word[split.StemStart..split.StemEnd]}|{word[split.StemEnd..]}";

    [Fact]
    public void Flags_name_the_proclitics()
    {
        var split = CliticSegmenter.Default.Segment("وبالتحالف");
        Assert.Equal(Proclitics.Waw | Proclitics.Ba | Proclitics.Article, split.Proclitics);
        Assert.True(split.HasArticle);
        Assert.Equal(Proclitics.Lam | Proclitics.Article, CliticSegmenter.Default.Segment("للتحالف").Proclitics);
        Assert.Equal(Proclitics.Seen, CliticSegmenter.Default.Segment("سيقول").Proclitics);
        Assert.Equal(2, CliticSegmenter.Default.Segment("كتابهم").EncliticLength);
    }

    [Theory]
    [InlineData("")]
    [InlineData("و")]
    [InlineData("ال")]
    [InlineData("NATO")]
    [InlineData("2023")]
    public void Short_or_foreign_words_stay_whole(string word)
    {
        var split = CliticSegmenter.Default.Segment(word);
        Assert.Equal(0, split.StemStart);
        Assert.Equal(word.Length, split.StemEnd);
    }

    [Fact]
    public void Without_a_lexicon_only_the_article_comes_off()
    {
        var bare = new CliticSegmenter(StemLexicon.Empty);
        Assert.Equal("ال|تحالف|", Render("التحالف", bare.Segment("التحالف")));
        Assert.Equal("|بفرنسا|", Render("بفرنسا", bare.Segment("بفرنسا")));
    }

    [Fact]
    public void Search_terms_read_a_final_heh_as_teh_marbuta()
    {
        // After search normalisation حكومة is حكومه; it must not lose its ه as a pronoun.
        var split = CliticSegmenter.Default.SegmentSearchTerm("بالحكومه");
        Assert.Equal("حكومه", "بالحكومه"[split.StemStart..split.StemEnd]);
    }
}
