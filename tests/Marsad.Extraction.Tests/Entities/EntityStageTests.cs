using Marsad.Analysis;
using Marsad.Extraction.Entities;

namespace Marsad.Extraction.Tests.Entities;

public class EntityStageTests
{
    private static readonly AnalysisPipeline Pipeline = new AnalysisPipelineBuilder().UseEntities().Build();

    private static AnalyzedDocument Run(string body, string title = "") => Pipeline.Analyze(new ArticleInput { Title = title, Body = body });

    [Fact]
    public void A_word_of_a_date_is_no_name()
    {
        // sentences written for this test; the times stage runs first, as in the full pipeline
        var pipeline = new AnalysisPipelineBuilder().UseTimes().UseEntities().Build();
        var doc = pipeline.Analyze(new ArticleInput
        {
            Title = "",
            Body = "يعرض مسلسل جديد يقوم ببطولته محمد رمضان في شهر رمضان القادم. وبلغت الأصول 43 مليار دولار في نهاية أبريل/نيسان الماضي.",
            Published = new DateOnly(2023, 6, 10),
        });
        Assert.Contains(doc.Times, t => t.Text == "رمضان القادم");
        var person = Assert.Single(doc.Entities, e => e.Type == EntityTypes.Person);
        Assert.Equal(["محمد رمضان"], person.Mentions.Select(m => m.Text)); // not the month after it
        Assert.DoesNotContain(doc.Entities, e => e.Mentions.Any(m => m.Text == "نيسان"));
        // without a times stage the same month word may be read as a name: the filter reads the dates found
        var alone = Run("يعرض مسلسل جديد يقوم ببطولته محمد رمضان في شهر رمضان القادم.");
        Assert.Contains(alone.Entities, e => e.Mentions.Any(m => m.Text == "رمضان"));
    }

    [Fact]
    public void Mention_offsets_leave_out_proclitics_and_keep_the_article()
    {
        var doc = Run("وصل الوفد بالمملكة العربية السعودية ثم وللمغرب.");
        var saudi = doc.Entities.Single(e => e.Key == "iso3166:SA");
        var m = Assert.Single(saudi.Mentions);
        Assert.Equal("المملكة العربية السعودية", m.Text);
        Assert.Equal(doc.Text.IndexOf("المملكة", StringComparison.Ordinal), m.Start);
        var morocco = doc.Entities.Single(e => e.Key == "iso3166:MA");
        Assert.Equal("مغرب", morocco.Mentions.Single().Text); // لل: ل + ال, only the stem is left
    }

    [Fact]
    public void Diacritics_and_hamza_forms_still_match()
    {
        var doc = Run("زار الرئيس إِيطاليا والنَّيجر.");
        Assert.Contains(doc.Entities, e => e.Key == "iso3166:IT");
        Assert.Contains(doc.Entities, e => e.Key == "iso3166:NE" && e.Mentions[0].Text == "النَّيجر");
    }

    [Fact]
    public void Entities_carry_names_keys_and_points()
    {
        var doc = Run("عقد الاجتماع في الرياض.");
        var riyadh = doc.Entities.Single();
        Assert.Equal("e1", riyadh.Id);
        Assert.Equal(EntityTypes.Location, riyadh.Type);
        Assert.Equal("city", riyadh.Subtype);
        Assert.Equal("Riyadh", riyadh.NameEn);
        Assert.Equal("SA", riyadh.Country);
        Assert.InRange(riyadh.Lat!.Value, 24, 25);
        Assert.InRange(riyadh.Lon!.Value, 46, 47);
    }

    [Fact]
    public void Persons_found_by_rules_get_a_marsad_key_that_is_the_same_in_every_document()
    {
        var a = Run("قال وزير الخارجية ناصر بوريطة إن المغرب يدعم الحل السياسي.");
        var b = Run("واستقبل الوزير ناصر بوريطة في الرباط نظيره الموريتاني.");
        var inA = a.Entities.Single(e => e.Type == EntityTypes.Person);
        var inB = b.Entities.Single(e => e.Type == EntityTypes.Person);
        Assert.Equal("marsad:PER:ناصر_بوريطه", inA.Key);
        Assert.Equal(inA.Key, inB.Key);
        Assert.All(a.Entities.Concat(b.Entities), e => Assert.False(string.IsNullOrEmpty(e.Key)));
    }

    [Fact]
    public void Index_maps_tokens_to_entities_and_marks_demonyms()
    {
        var doc = Run("أكد المغرب أن الشركات المغربية مستعدة.");
        var index = doc.GetItem<EntityMentionIndex>();
        Assert.NotNull(index);
        Assert.Equal(2, index.Mentions.Count);
        Assert.Equal(MentionKind.Name, index.Mentions[0].Kind);
        Assert.Equal(MentionKind.Demonym, index.Mentions[1].Kind);
        Assert.Equal(index.Mentions[0].EntityId, index.Mentions[1].EntityId);
        int token = index.Mentions[0].TokenStart;
        Assert.Equal("e1", index.EntityAt(token));
        Assert.Null(index.EntityAt(0));
        Assert.Null(index.EntityAt(-1));
        Assert.Null(index.EntityAt(10_000));
    }

    [Fact]
    public void Other_names_are_kept_apart_from_entities()
    {
        var doc = Run("بلغت قيمة الصفقة مليون دولار قبل كأس العالم.");
        Assert.Empty(doc.Entities);
        var other = doc.GetItem<EntityMentionIndex>()!.OtherNames;
        Assert.True(other.Any(o => o.Category == "currency" && o.Code == "USD"), string.Join(", ", other));
        Assert.Contains(other, o => o.Category == "competition" && o.Code == "worldcup");
    }

    [Fact]
    public void Title_subtitle_and_body_are_all_searched()
    {
        var doc = Run("ثم غادر إلى القاهرة.", title: "وزير يزور تونس");
        Assert.Contains(doc.Entities, e => e.Key == "iso3166:TN");
        Assert.Contains(doc.Entities, e => e.NameEn == "Cairo");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("12345 !!! ؟؟ ...")]
    [InlineData("ـــــ ــ")]
    [InlineData("Lorem ipsum dolor sit amet")]
    public void Odd_input_gives_no_entities_and_no_error(string body)
    {
        var doc = Run(body);
        Assert.Empty(doc.Entities);
        Assert.NotNull(doc.GetItem<EntityMentionIndex>());
    }

    [Fact]
    public void Long_repetitive_input_is_handled()
    {
        var body = string.Concat(Enumerable.Repeat("وزارة الشؤون الخارجية والتعاون و", 400)) + ". المغرب";
        var doc = Run(body);
        Assert.Contains(doc.Entities, e => e.Key == "iso3166:MA");
    }

    [Fact]
    public void Default_pipeline_has_the_stage_once()
    {
        Assert.True(MarsadPipeline.CreateBuilder().Has("entities"));
        Assert.Throws<InvalidOperationException>(() => MarsadPipeline.CreateBuilder().UseEntities());
    }

    [Fact]
    public void Stage_is_thread_safe()
    {
        var texts = new[] { "زار الرئيس المغرب.", "اجتمع مجلس الأمن الدولي في نيويورك.", "قال الوزير محمد العلمي إن الوضع مستقر." };
        var expected = texts.Select(t => Run(t).Entities.Count).ToArray();
        Parallel.For(0, 60, i => Assert.Equal(expected[i % 3], Run(texts[i % 3]).Entities.Count));
    }
}
