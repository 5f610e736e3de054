using Marsad.Analysis;
using Marsad.Extraction.Entities;
using Marsad.Extraction.Entities.Tagging;

namespace Marsad.Extraction.Tests.Entities;

/// <summary>Token facts: the place a definite relative adjective is made from, club heads, and the tagger's quotation context.</summary>
public class TownAdjectiveTests
{
    private static TokenFacts Facts(string body)
    {
        var doc = new AnalyzedDocument(new ArticleInput { Title = "", Body = body });
        new TextStage().Process(doc, CancellationToken.None);
        return new TokenFacts(EntityLexicon.Default, doc);
    }

    private static string? PlaceOf(TokenFacts facts, string word)
    {
        int i = facts.Document.Tokens.FindIndex(t => facts.Document.Text[t.Start..t.End] == word);
        Assert.True(i >= 0, word);
        int target = facts.PlaceNisba(i);
        return target < 0 ? null : facts.Lexicon.Targets[target].Key;
    }

    [Fact]
    public void A_definite_adjective_of_a_town_points_at_the_town()
    {
        var f = Facts("فاز المغرب الفاسي على المولودية الوجدية وتعادل الدفاع الجديدي مع الجمعية السلاوية والنادي المراكشي.");
        Assert.Equal("geonames:2548885", PlaceOf(f, "الفاسي"));      // فاس
        Assert.Equal("marsad:city:ma-oujda", PlaceOf(f, "الوجدية"));  // وجدة: the base takes ة back
        Assert.Null(PlaceOf(f, "الجديدي")); // الجديدة is a weak name (also "the new"): only after a place word
        Assert.Equal("geonames:2537763", PlaceOf(f, "السلاوية"));   // سلا: the و of the adjective goes
        Assert.Equal("geonames:2542997", PlaceOf(f, "المراكشي"));   // مراكش
    }

    [Fact]
    public void Other_adjectives_and_words_are_not_town_adjectives()
    {
        var f = Facts("قال المسؤول الدولي إن الاتفاق المغربي والعربي مهم وإن فاسي رجل طيب.");
        Assert.Null(PlaceOf(f, "الدولي"));
        Assert.Null(PlaceOf(f, "المغربي")); // a country's demonym is a list match already
        Assert.Null(PlaceOf(f, "والعربي"));
        Assert.Null(PlaceOf(f, "فاسي"));    // no article: a name or a noun, not the adjective
    }

    [Fact]
    public void A_club_head_is_marked_with_its_reading_and_leaves_the_word_classes_alone()
    {
        var f = Facts("فاز وفاق سطيف على أتلتيكو مدريد ولأتلتيكو جمهور ودفع مليون ريال.");
        int Index(string w) => f.Document.Tokens.FindIndex(t => f.Document.Text[t.Start..t.End] == w);
        Assert.Equal(1, f.Tokens[Index("وفاق")].ClubHeadAt);      // the whole word
        Assert.Equal(1, f.Tokens[Index("أتلتيكو")].ClubHeadAt);
        Assert.Equal(3, f.Tokens[Index("ولأتلتيكو")].ClubHeadAt); // after و and ل
        Assert.Equal(0, f.Tokens[Index("جمهور")].ClubHeadAt);
        // the rules and the tagger read Full and Bare: a club head adds nothing there
        Assert.Equal(WordClass.None, f.Tokens[Index("أتلتيكو")].Full & WordClass.ClubHead);
        Assert.Equal(WordClass.None, f.Tokens[Index("ريال")].Bare & WordClass.ClubHead);
    }

    [Fact]
    public void Words_inside_a_short_quotation_carry_the_word_before_it()
    {
        var f = Facts("تعرض القناة برنامج « حوار من القلب » مساء اليوم، وقال \" إن الأمر \" طويل جدا جدا جدا جدا جدا جدا جدا جدا جدا.");
        var tokens = f.Document.Tokens;
        int n = tokens.Count;
        var hashes = new NerFeatures.TokenHashes[n];
        NerFeatures.Hash(f, null, null, null, 0, n, hashes, new byte[n]);
        int Index(string w) => tokens.FindIndex(t => f.Document.Text[t.Start..t.End] == w);
        ulong first = hashes[Index("حوار")].Quote, second = hashes[Index("القلب")].Quote;
        Assert.NotEqual(0UL, first);
        Assert.NotEqual(0UL, second);
        Assert.NotEqual(first, second); // the first word inside and the others
        Assert.Equal(hashes[Index("برنامج")].Stem * 31 + 1, first);
        Assert.Equal(1, hashes[Index("حوار")].QuotePlace);
        Assert.Equal(2, hashes[Index("القلب")].QuotePlace);
        Assert.Equal(0UL, hashes[Index("مساء")].Quote);
        Assert.Equal(0UL, hashes[Index("برنامج")].Quote);
        Assert.NotEqual(0UL, hashes[Index("الأمر")].Quote); // straight quotes open and close in turn
        Assert.Equal(0UL, hashes[Index("طويل")].Quote);
    }
}
