using Marsad.Analysis;

namespace Marsad.Analysis.Tests;

public class PipelineTests
{
    private static readonly ArticleInput Sample = new()
    {
        Title = "انطلاق أعمال القمة العربية في الجزائر",
        Subtitle = "بمشاركة القادة العرب",
        Body = "انطلقت اليوم أعمال القمة. وقال الأمين العام إن القمة ناجحة.\nوتستمر الأعمال يومين.",
        Published = new DateOnly(2022, 11, 1),
        Source = "test",
    };

    [Fact]
    public void Text_is_title_subtitle_and_body_with_their_ranges()
    {
        var doc = new AnalysisPipelineBuilder().Build().Analyze(Sample);
        Assert.Equal(Sample.Title, doc.Text[doc.TitleRange.Start..doc.TitleRange.End]);
        Assert.Equal(Sample.Subtitle, doc.Text[doc.SubtitleRange!.Value.Start..doc.SubtitleRange.Value.End]);
        Assert.Equal(Sample.Body, doc.Text[doc.BodyRange.Start..doc.BodyRange.End]);
    }

    [Fact]
    public void Sentences_never_cross_parts()
    {
        var doc = new AnalysisPipelineBuilder().Build().Analyze(Sample);
        Assert.Equal(5, doc.Sentences.Count);
        Assert.Equal(Sample.Title, doc.Text[doc.Sentences[0].Start..doc.Sentences[0].End]);
    }

    [Fact]
    public void Tokens_carry_clitic_free_stems()
    {
        var doc = new AnalysisPipelineBuilder().Build().Analyze(Sample);
        var t = doc.Tokens.First(t => doc.Text[t.Start..t.End] == "القادة");
        Assert.Equal("قادة", doc.Text[t.StemStart..t.StemEnd]);
    }

    [Fact]
    public void Id_depends_on_the_normalised_body_only()
    {
        var a = new AnalyzedDocument(Sample);
        var b = new AnalyzedDocument(Sample with { Title = "عنوان آخر", Body = Sample.Body.Replace("الأمين", "الامين") });
        Assert.Equal(a.Document.Id, b.Document.Id);
        Assert.Equal(16, a.Document.Id.Length);
    }

    [Fact]
    public void Contract_round_trips_through_json()
    {
        var doc = new AnalysisPipelineBuilder().Build().Analyze(Sample);
        var json = AnalysisContract.From(doc).ToJson();
        Assert.Contains("\"schema\": \"marsad.analysis/1\"", json);
        Assert.Contains("\"published\": \"2022-11-01\"", json);
        var back = AnalysisContract.FromJson(json);
        Assert.Equal(doc.Text, back.Text);
        Assert.Equal(doc.Sentences.Count, back.Sentences.Count);
    }

    [Fact]
    public void A_stage_cannot_be_added_twice()
    {
        var b = new AnalysisPipelineBuilder();
        Assert.Throws<InvalidOperationException>(() => b.Use(new TextStage()));
    }
}
