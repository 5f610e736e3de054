using Marsad.Extraction.Entities;

namespace Marsad.Extraction.Tests.Entities;

public class ConllTaggerTests
{
    private static string Tag(string conll, int chunk = 40)
    {
        var output = new StringWriter();
        new ConllTagger(new Marsad.Analysis.AnalysisPipelineBuilder().UseEntities().Build(), chunk).Tag(new StringReader(conll), output);
        return output.ToString().ReplaceLineEndings("\n");
    }

    [Fact]
    public void Adds_one_bio_column_per_token_line()
    {
        var input = "زار O\nالرئيس O\nالمملكة O\nالعربية O\nالسعودية O\n\nوصل O\nإلى O\nنيامي O\n\n";
        var lines = Tag(input).Split('\n');
        Assert.Equal("المملكة O B-LOC", lines[2]);
        Assert.Equal("العربية O I-LOC", lines[3]);
        Assert.Equal("السعودية O I-LOC", lines[4]);
        Assert.Equal("", lines[5]);
        Assert.Equal("نيامي O B-LOC", lines[8]);
        Assert.Equal("زار O O", lines[0]);
    }

    [Fact]
    public void Clitic_tokens_get_the_tag_and_demonyms_stay_o()
    {
        var lines = Tag("وبالمغرب\nالشركات\nالمغربية\n").Split('\n');
        Assert.Equal("وبالمغرب B-LOC", lines[0]);
        Assert.Equal("المغربية O", lines[2]);
    }

    [Fact]
    public void Persons_and_organisations_use_conll_type_names()
    {
        var lines = Tag("قال\tx\nالوزير\tx\nناصر\tx\nبوريطة\tx\nإن\tx\nالأمم\tx\nالمتحدة\tx\nتدعم\tx\n").Split('\n');
        Assert.Equal("ناصر\tx\tB-PERS", lines[2]);
        Assert.Equal("بوريطة\tx\tI-PERS", lines[3]);
        Assert.Equal("الأمم\tx\tB-ORG", lines[5]);
        Assert.Equal("المتحدة\tx\tI-ORG", lines[6]);
    }

    [Fact]
    public void A_quoted_title_after_a_work_word_is_misc_and_holds_no_place()
    {
        // «مسلسل "نسر الصعيد"»: the series' title, not the region; a quotation with no work word before it stays
        var lines = Tag("وتعرض\nالقناة\nمسلسل\n\"\nنسر\nالصعيد\n\"\nفي\nرمضان\n.\n\nوقال\n\"\nإن\nالصعيد\nجميل\n\"\n").Split('\n');
        Assert.Equal("نسر B-MISC", lines[4]);
        Assert.Equal("الصعيد I-MISC", lines[5]);
        Assert.Equal("\" O", lines[6]);
        Assert.Equal("الصعيد B-LOC", lines[14]);
    }

    [Fact]
    public void Descriptors_are_left_out_as_corpora_do()
    {
        var lines = Tag("في\nقطاع\nغزة\n").Split('\n');
        Assert.Equal("قطاع O", lines[1]);
        Assert.Equal("غزة B-LOC", lines[2]);
    }

    [Fact]
    public void Matches_never_cross_sentences_and_chunks_keep_order()
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < 25; i++) sb.Append("المملكة\nالعربية\n\nالسعودية\n\n");
        var lines = Tag(sb.ToString(), chunk: 3).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(75, lines.Length);
        Assert.DoesNotContain(lines, l => l.EndsWith("I-LOC", StringComparison.Ordinal) && l.StartsWith("السعودية", StringComparison.Ordinal));
        Assert.Equal("السعودية B-LOC", lines[2]);
    }

    [Fact]
    public void Empty_input_and_blank_lines_pass_through()
    {
        Assert.Equal("", Tag(""));
        Assert.Equal("\n\n", Tag("\n\n"));
    }
}
